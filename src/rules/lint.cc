#include "rules/lint.h"

#include "bind/binding.h"
#include "calendar/time_util.h"
#include "expr/ast.h"
#include "model/schema.h"

#include <fmt/format.h>

namespace rurume {

namespace {

using expr::Expr;
using expr::ExprKind;

/// The enumeration behind a field selection `x.f`, or null.
const FieldDesc* EnumField(const Expr& e) {
  if (e.kind != ExprKind::Select || e.test_only || e.args.empty()) return nullptr;
  const Expr& operand = *e.args[0];
  if (!operand.type || operand.type->kind != expr::Type::Kind::Object || !operand.type->object) return nullptr;
  std::string_view type = operand.type->object->name();
  for (const RecordDesc* d : AllRecordDescs()) {
    if (d->name != type) continue;
    const FieldDesc* f = d->Find(e.name);
    if (f && (f->kind == FieldKind::Enum || f->kind == FieldKind::EnumList)) return f;
  }
  return nullptr;
}

std::string OwnerName(const Expr& select) { return std::string(select.args[0]->type->object->name()); }

bool IsStringLiteral(const Expr& e) { return e.kind == ExprKind::Literal && e.value.is(expr::Kind::String); }

class Linter {
 public:
  explicit Linter(bool in_message) : in_message_(in_message) {}

  void Walk(const Expr& e) {
    if (in_message_) CheckPersonal(e);
    if (e.kind == ExprKind::Call) CheckEnumComparison(e);
    if (e.kind == ExprKind::Call) CheckTimeZone(e);
    for (const auto& a : e.args) Walk(*a);
  }

  std::vector<LintProblem> problems;

 private:
  void CheckPersonal(const Expr& e) {
    if (e.kind != ExprKind::Select || e.test_only || e.args.empty()) return;
    const Expr& operand = *e.args[0];
    if (!operand.type || operand.type->kind != expr::Type::Kind::Object || !operand.type->object) return;
    std::string type(operand.type->object->name());
    if (IsPersonalField(type, e.name))
      problems.push_back({LintProblem::Personal, e.offset, fmt::format("{}.{}", type, e.name), {}, {}});
  }

  void CheckValue(const Expr& select, const FieldDesc& f, const Expr& literal) {
    CheckValue(select, f, literal.value, literal.offset);
  }

  void CheckValue(const Expr& select, const FieldDesc& f, const expr::Value& value, uint32_t offset) {
    if (!value.is(expr::Kind::String)) return;
    std::string_view v = value.string_value();
    if (f.enumeration->Find(v) >= 0) return;
    std::string allowed;
    for (std::string_view a : f.enumeration->values) allowed += (allowed.empty() ? "" : ", ") + std::string(a);
    problems.push_back({LintProblem::EnumValue, offset, fmt::format("{}.{}", OwnerName(select), f.name),
                        std::string(v), allowed});
  }

  void CheckEnumComparison(const Expr& call) {
    if (call.args.size() != 2) return;
    const Expr& a = *call.args[0];
    const Expr& b = *call.args[1];
    if (call.name == expr::op::kEq || call.name == expr::op::kNe) {
      if (const FieldDesc* f = EnumField(a); f && IsStringLiteral(b)) CheckValue(a, *f, b);
      if (const FieldDesc* f = EnumField(b); f && IsStringLiteral(a)) CheckValue(b, *f, a);
    } else if (call.name == expr::op::kIn) {
      // 'secretariat' in user.roles
      if (const FieldDesc* f = EnumField(b); f && IsStringLiteral(a)) CheckValue(b, *f, a);
      // device.status in ['lost', 'stolen']: the checker folds a list of
      // literals into one literal list, whose items have no offsets of their own.
      if (const FieldDesc* f = EnumField(a); f && b.kind == ExprKind::List)
        for (const auto& item : b.args)
          if (IsStringLiteral(*item)) CheckValue(a, *f, *item);
      if (const FieldDesc* f = EnumField(a); f && b.kind == ExprKind::Literal && b.value.is(expr::Kind::List))
        for (size_t i = 0; i < b.value.list().size(); ++i) CheckValue(a, *f, b.value.list().at(i), b.offset);
    }
  }

  /// t.getHours('Asia/Seoul'): a time-zone literal the accessors do not
  /// support would make every evaluation an error (the rule not evaluated
  /// for every subject), so it is a rule error at load.
  void CheckTimeZone(const Expr& call) {
    if (call.args.size() != 2 || !IsStringLiteral(*call.args[1])) return;
    bool with_tz = false;
    for (const expr::Overload* o : call.overloads) {
      const std::string_view id = o->id;
      with_tz |= id.size() > 8 && id.substr(id.size() - 8) == "_with_tz";
    }
    if (!with_tz) return;
    const Expr& zone = *call.args[1];
    int32_t offset = 0;
    std::string error;
    if (!calendar::time::ParseTimeZone(zone.value.string_value(), &offset, &error))
      problems.push_back({LintProblem::TimeZone, zone.offset, call.name + "()", std::string(zone.value.string_value()), {}});
  }

  bool in_message_;
};

}  // namespace

std::vector<std::string> LintProblem::args(const std::string& where) const {
  if (kind == Personal) return {where, field};
  if (kind == TimeZone) return {where, field, fmt::format("'{}'", value)};
  return {where, field, fmt::format("'{}'", value), allowed};
}

const EnumDesc* LabelledEnum(const expr::Program& program) {
  const Expr& e = program.root();
  if (const FieldDesc* f = EnumField(e)) return f->enumeration;
  if (e.kind != ExprKind::Conditional || e.args.size() != 3) return nullptr;
  const Expr& yes = *e.args[1];
  const Expr& no = *e.args[2];
  if (const FieldDesc* f = EnumField(yes); f && IsStringLiteral(no)) return f->enumeration;
  if (const FieldDesc* f = EnumField(no); f && IsStringLiteral(yes)) return f->enumeration;
  return nullptr;
}

std::vector<LintProblem> Lint(const expr::Program& program, bool in_message) {
  Linter l(in_message);
  l.Walk(program.root());
  return std::move(l.problems);
}

}  // namespace rurume
