#include "report/report.h"

#include "bind/binding.h"
#include "calendar/human.h"
#include "model/schema.h"
#include "load/digest.h"
#include "load/scalars.h"
#include "text/escape.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <tuple>

namespace rurume {

namespace {

constexpr std::string_view kWithheld = "***";

/// Whether a diagnostic argument names a personal field ("patient.birth_date",
/// "post.text", "user.name[]").
bool NamesPersonalField(std::string_view path) {
  size_t dot = path.find('.');
  if (dot == std::string_view::npos) return false;
  std::string_view field = path.substr(dot + 1);
  if (field.size() >= 2 && field.substr(field.size() - 2) == "[]") field.remove_suffix(2);
  return IsPersonalField(path.substr(0, dot), field);
}

/// The diagnostic without the value it quotes, when that value was written in
/// a personal field: the loader quotes what it could not read.
Diagnostic Withheld(Diagnostic d) {
  if (d.args.size() < 2 || !NamesPersonalField(d.args[0])) return d;
  switch (d.code) {
    case Code::WrongType:  // {path, expected, "int 19340318"}: keep the type only
      if (d.args.size() > 2) d.args[2] = d.args[2].substr(0, d.args[2].find(' '));
      break;
    case Code::EnumValue:
    case Code::InvalidDate:
    case Code::InvalidTimestamp:
    case Code::OutOfRange:
    case Code::Yaml11Bool: d.args[1] = std::string(kWithheld); break;
    default: break;
  }
  return d;
}

/// Subjects by where they are in the input, then by kind and id.
bool SubjectBefore(const SubjectRef& a, const SubjectRef& b) {
  return std::tie(a.loc.file, a.loc.line, a.loc.column, a.kind, a.id) <
         std::tie(b.loc.file, b.loc.line, b.loc.column, b.kind, b.id);
}

/// Every value of a personal field (records.def, kPersonal) in the records
/// of `desc` at `record` and the records nested in them.
void PersonalValues(const RecordDesc& desc, const void* record, const std::function<void(std::string)>& keep) {
  for (const FieldDesc& f : desc.fields) {
    const void* slot = f.cslot(record);
    if (f.kind == FieldKind::Object || f.kind == FieldKind::ObjectList) {
      for (size_t i = 0, n = f.count(slot); i < n; ++i) PersonalValues(*f.object, f.at(slot, i), keep);
      continue;
    }
    if (!f.personal() || !f.Present(record)) continue;
    switch (f.kind) {
      case FieldKind::Id: keep(*static_cast<const std::string*>(slot)); break;
      case FieldKind::String: keep(**static_cast<const std::optional<std::string>*>(slot)); break;
      case FieldKind::Date: keep(FormatDate(**static_cast<const std::optional<Date>*>(slot))); break;
      case FieldKind::Timestamp: keep(FormatTimestamp(**static_cast<const std::optional<Timestamp>*>(slot))); break;
      case FieldKind::StringList:
        for (const std::string& v : **static_cast<const std::optional<std::vector<std::string>>*>(slot)) keep(v);
        break;
      case FieldKind::Int: keep(std::to_string(**static_cast<const std::optional<int64_t>*>(slot))); break;
      case FieldKind::Enum:
      case FieldKind::EnumList:
      case FieldKind::Bool:
      case FieldKind::Ref:
      case FieldKind::Object:
      case FieldKind::ObjectList: break;  // no free text of a person's
    }
  }
}

}  // namespace

Report::Report(const Export& ex, const Diagnostics& diags, const AuditResult& audit, const RuleSet* rules,
               ReportContext context)
    : ex_(ex), audit_(&audit), rules_(rules), context_(std::move(context)) {
  for (const Diagnostic& d : diags.all())
    diagnostics_.push_back(context_.show_personal_info ? d : Withheld(d));
  summary_.input_errors = diags.errors();
  summary_.input_warnings = diags.warnings();
  CollectPersonal();
  if (!context_.facility.empty()) SelectFacility(audit);
  Count();
}

Report::Report(const Report& whole, std::string facility)
    : ex_(whole.ex_),
      audit_(whole.audit_),
      rules_(whole.rules_),
      context_(whole.context_),
      diagnostics_(whole.diagnostics_),
      personal_values_(whole.personal_values_) {
  summary_.input_errors = whole.summary_.input_errors;
  summary_.input_warnings = whole.summary_.input_warnings;
  context_.facility = std::move(facility);
  SelectFacility(*whole.audit_);
  Count();
}

std::vector<std::vector<const ManualEntry*>> Report::ManualByClause() const {
  std::vector<std::vector<const ManualEntry*>> out;
  for (const ManualEntry* e : manual_) {
    if (out.empty() || out.back().front()->clause != e->clause) out.emplace_back();
    out.back().push_back(e);
  }
  return out;
}

const std::string& Report::AttestationsFile() const {
  static const std::string kNone;
  return context_.manual ? context_.manual->file : kNone;
}

ManualPlace Report::PlaceOf(const ManualEntry& e) const {
  if (const Attestation* a = e.attestation) return {a->file, a->line, a->column};
  if (!e.facility.empty())
    if (const Facility* f = ex_.facility(e.facility)) return {FileOf(f->loc), f->loc.line, f->loc.column};
  if (!AttestationsFile().empty()) return {AttestationsFile(), 1, 1};
  if (ex_.network) return {FileOf(ex_.network->loc), ex_.network->loc.line, ex_.network->loc.column};
  return {};
}

std::string Report::ManualMessage(const ManualEntry& e) const {
  // The facility's name and the evidence are data: control characters in them are shown escaped.
  return EscapeControls(ManualSentence(e));
}

std::string Report::ManualSentence(const ManualEntry& e) const {
  const bool ja = lang() == Lang::Ja;
  const Clause& c = *e.clause;
  std::string who;
  if (!e.facility.empty()) {
    const Facility* f = ex_.facility(e.facility);
    who = e.facility + (f && f->name ? " " + *f->name : "");
  }
  std::string head = fmt::format("{} {} ({}): ", c.id, c.Obligation(lang()), c.Source(lang()));
  head += who.empty() ? (ja ? "ネットワーク全体" : "the network") : who;
  // Japanese: "F001 南沢…クリニックの確認記録", "F001 の確認記録" (a space after an id alone).
  if (ja && !who.empty() && who == e.facility) head += " ";
  const Attestation* a = e.attestation;
  switch (e.state) {
    case AttestState::Missing:
      return head + (ja ? "の確認記録がありません。確認して、確認記録ファイルに書いてください"
                        : ": no attestation; confirm it and write it in the attestations file");
    case AttestState::Expired:
      return head + fmt::format(ja ? "の確認記録は {} で期限が切れています ({}、{} 確認)。確認し直して、確認記録を更新してください"
                                   : ": the attestation expired on {} ({}, attested {}); confirm it again and update it",
                                FormatDate(a->expires), AttesterLabel(a->attested_by, lang()), FormatDate(a->attested_on));
    case AttestState::Expiring:
      return head + fmt::format(ja ? "の確認記録は {} までです (あと {} 日、{}、{} 確認)。期限までに確認し直してください"
                                   : ": the attestation holds until {} ({} days left; {}, attested {}); confirm it again before then",
                                FormatDate(a->expires), e.days_left, AttesterLabel(a->attested_by, lang()),
                                FormatDate(a->attested_on));
    case AttestState::Attested:
      return head + fmt::format(ja ? "は {} まで確認済みです ({}、{} 確認、{})" : ": attested until {} ({}, attested {}, {})",
                                FormatDate(a->expires), AttesterLabel(a->attested_by, lang()), FormatDate(a->attested_on),
                                Screen(a->evidence));
  }
  return head;
}

void Report::CollectPersonal() {
  if (context_.show_personal_info) return;
  auto keep = [this](std::string v) {
    // Shorter values would mangle ordinary words; they are no name or date.
    if (v.size() >= 4) personal_values_.push_back(std::move(v));
  };
  for (const CollectionDesc& c : Collections())
    for (size_t i = 0, n = c.count(ex_); i < n; ++i) PersonalValues(*c.record, c.at(ex_, i), keep);
  if (ex_.network) PersonalValues(NetworkDesc(), &*ex_.network, keep);
  std::sort(personal_values_.begin(), personal_values_.end(),
            [](const std::string& a, const std::string& b) { return a.size() != b.size() ? a.size() > b.size() : a < b; });
  personal_values_.erase(std::unique(personal_values_.begin(), personal_values_.end()), personal_values_.end());
}

void Report::Count() {
  summary_.files = ex_.files.size();
  summary_.findings = audit_->findings.size();
  summary_.not_evaluated = audit_->not_evaluated.size();
  for (const Finding& f : audit_->findings) {
    ++(f.rule->severity == Level::Error ? summary_.errors
       : f.rule->severity == Level::Warning ? summary_.warnings
                                            : summary_.notes);
    summary_.waived += WaiverOf(f) != nullptr;
    summary_.new_findings += ChangeOf(f) == Change::New;
    summary_.unchanged += ChangeOf(f) == Change::Unchanged;
  }
  if (triage()) summary_.fixed = triage()->fixed.size(), summary_.removed = triage()->removed.size();
  for (const RuleOutcome& o : audit_->outcomes) summary_.passed += o.passed;

  if (context_.manual) {
    const Clause* last = nullptr;  // the entries of a clause are together
    for (const ManualEntry& e : context_.manual->entries) {
      if (!context_.facility.empty() && e.facility != context_.facility) continue;
      manual_.push_back(&e);
      summary_.manual_clauses += last != e.clause;
      last = e.clause;
      ++(e.state == AttestState::Attested   ? summary_.attested
         : e.state == AttestState::Expiring ? summary_.expiring
         : e.state == AttestState::Expired  ? summary_.expired
                                            : summary_.unattested);
    }
  }

  if (!rules_) return;
  summary_.rules = rules_->rules().size();
  for (const Clause& c : rules_->clauses().all()) {
    if (rules_->RulesOf(c.id).empty()) continue;
    ClauseResult cr{&c, {}, {}, {}};
    for (const Rule* r : rules_->RulesOf(c.id))
      if (const RuleOutcome* o = OutcomeOf(*r)) cr.outcomes.push_back(o);
    for (const Finding& f : audit_->findings)
      if (f.rule->clause == c.id) cr.findings.push_back(&f);
    std::stable_sort(cr.findings.begin(), cr.findings.end(),
                     [](const Finding* a, const Finding* b) { return SubjectBefore(a->subject, b->subject); });
    for (const NotEvaluated& n : audit_->not_evaluated)
      if (n.rule->clause == c.id) cr.not_evaluated.push_back(&n);
    clauses_.push_back(std::move(cr));
  }
  // A clause checked through the rules of others (its `via`) is checked too,
  // as `clauses` counts it.
  size_t via = 0;
  for (const Clause& c : rules_->clauses().all())
    if (rules_->RulesOf(c.id).empty() && !c.via.empty() &&
        std::all_of(c.via.begin(), c.via.end(), [&](const std::string& v) { return !rules_->RulesOf(v).empty(); }))
      ++via;
  summary_.clauses_checked = clauses_.size() + via;
}

void Report::SelectFacility(const AuditResult& audit) {
  for (const Facility& f : ex_.facilities)
    if (f.id == context_.facility) {
      facility_ = &f;
      break;
    }
  const Triage* all = context_.triage;
  if (all) {
    facility_triage_ = *all;  // the waivers and the baseline's facts; the lists parallel to findings follow
    facility_triage_.waived_by.clear();
    facility_triage_.change.clear();
    facility_triage_.fixed.clear();
    facility_triage_.removed.clear();
    for (const FixedFinding& f : all->fixed)
      if (f.facility == context_.facility) facility_triage_.fixed.push_back(f);
    for (const FixedFinding& f : all->removed)
      if (f.facility == context_.facility) facility_triage_.removed.push_back(f);
  }
  std::map<const Rule*, size_t> outcome_of;
  for (const RuleOutcome& o : audit.outcomes) {
    outcome_of[o.rule] = facility_audit_.outcomes.size();
    RuleOutcome& mine = facility_audit_.outcomes.emplace_back(RuleOutcome{o.rule});
    auto it = o.passed_by_facility.find(context_.facility);
    mine.passed = it == o.passed_by_facility.end() ? 0 : it->second;
  }
  auto outcome = [&](const Rule* rule) -> RuleOutcome* {
    auto it = outcome_of.find(rule);
    return it == outcome_of.end() ? nullptr : &facility_audit_.outcomes[it->second];
  };
  for (size_t i = 0; i < audit.findings.size(); ++i) {
    const Finding& f = audit.findings[i];
    if (f.subject.facility != context_.facility) continue;
    facility_audit_.findings.push_back(f);
    if (RuleOutcome* o = outcome(f.rule)) ++o->failed;
    if (!all) continue;
    if (i < all->waived_by.size()) facility_triage_.waived_by.push_back(all->waived_by[i]);
    if (i < all->change.size()) facility_triage_.change.push_back(all->change[i]);
  }
  for (const NotEvaluated& n : audit.not_evaluated) {
    if (n.subject.facility != context_.facility) continue;
    facility_audit_.not_evaluated.push_back(n);
    if (RuleOutcome* o = outcome(n.rule)) ++o->not_evaluated;
  }
  // Subjects `when` left out are not counted apart: applicable is an upper bound here.
  for (RuleOutcome& o : facility_audit_.outcomes) o.applicable = o.passed + o.failed + o.not_evaluated;
  audit_ = &facility_audit_;
  if (all) context_.triage = &facility_triage_;
  // The facility's own input diagnostics: those inside one of its records
  // (the record that begins last at or before the diagnostic's line), those
  // where a file stopped being read, and those of a whole file or of no
  // file; the others name other facilities'
  // records and are only counted.
  std::map<std::string_view, std::vector<std::pair<uint32_t, std::string_view>>> starts;  // by file
  for (const CollectionDesc& c : Collections())
    for (size_t i = 0, n = c.count(ex_); i < n; ++i) {
      const void* rec = c.at(ex_, i);
      const Record* r = c.record->as_record ? c.record->as_record(const_cast<void*>(rec)) : nullptr;
      if (r && r->loc.file < ex_.files.size())
        starts[ex_.files[r->loc.file].path].emplace_back(r->loc.line, FacilityIdOf(*c.record, rec));
    }
  for (auto& [file, list] : starts) std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  // Where a file stopped being read: the cause of everything it lacks, everyone's.
  std::map<std::string_view, uint32_t> stopped;
  for (const SourceFile& f : ex_.files)
    if (f.stopped_at_line != 0) stopped[f.path] = f.stopped_at_line;
  std::vector<Diagnostic> mine;
  for (Diagnostic& d : diagnostics_) {
    auto stop = stopped.find(d.file);
    bool keep = d.file.empty() || d.line == 0 || (stop != stopped.end() && stop->second == d.line);
    if (!keep) {
      auto it = starts.find(d.file);
      if (it == starts.end()) {
        keep = true;  // a file of no records (a rule, a waiver): the run's
      } else {
        auto after = std::upper_bound(it->second.begin(), it->second.end(), d.line,
                                      [](uint32_t line, const auto& s) { return line < s.first; });
        keep = after != it->second.begin() && std::prev(after)->second == context_.facility;
      }
    }
    if (keep) mine.push_back(std::move(d));
    else ++other_diagnostics_;
  }
  diagnostics_ = std::move(mine);
}

const Waiver* Report::WaiverOf(const Finding& f) const {
  const Triage* t = triage();
  size_t i = IndexOf(f);
  return t && i < t->waived_by.size() ? t->waived_by[i] : nullptr;
}

Change Report::ChangeOf(const Finding& f) const {
  const Triage* t = triage();
  size_t i = IndexOf(f);
  return t && t->has_baseline && i < t->change.size() ? t->change[i] : Change::NoBaseline;
}

const std::string& Report::FileOf(const Loc& loc) const {
  static const std::string kNone;
  return loc.file < ex_.files.size() ? ex_.files[loc.file].path : kNone;
}

const RuleOutcome* Report::OutcomeOf(const Rule& rule) const {
  for (const RuleOutcome& o : audit_->outcomes)
    if (o.rule == &rule) return &o;
  return nullptr;
}

std::string Report::NotEvaluatedWhy(const NotEvaluated& n) const {
  const bool ja = context_.lang == Lang::Ja;
  if (n.missing.empty()) return fmt::format("{}{}", ja ? "理由: " : "reason: ", Reason(n));
  std::vector<std::string> labels;
  for (const std::string& path : n.missing) labels.push_back(FieldPathLabel(path, context_.lang));
  return fmt::format("{}{}", ja ? "記録がない項目: " : "not on record: ", fmt::join(labels, ja ? "、" : ", "));
}

std::string Report::Screen(std::string text) const {
  for (const std::string& v : personal_values_) {
    if (v.size() > text.size()) continue;
    for (size_t at = text.find(v); at != std::string::npos; at = text.find(v, at + kWithheld.size()))
      text.replace(at, v.size(), kWithheld);
  }
  return text;
}

PersonalInfo Report::Personal(const SubjectRef& s) const {
  PersonalInfo info;
  if (!context_.show_personal_info || !s.desc || !s.record) return info;
  if (const FieldDesc* text = s.desc->Find("text"); text && text->personal() && text->Present(s.record))
    info.post_text = **static_cast<const std::optional<std::string>*>(text->cslot(s.record));
  if (const Patient* patient = PatientOf(*s.desc, s.record)) {
    info.patient_id = patient->id;
    info.name = patient->name;
    info.birth_date = patient->birth_date;
  }
  return info;
}

std::string_view ChangeName(Change change) {
  switch (change) {
    case Change::New: return "new";
    case Change::Unchanged: return "unchanged";
    case Change::NoBaseline: break;
  }
  return {};
}

std::string_view ChangeLabel(Change change, Lang lang) {
  if (lang == Lang::En) return ChangeName(change);
  switch (change) {
    case Change::New: return "新規";
    case Change::Unchanged: return "継続";
    case Change::NoBaseline: break;
  }
  return {};
}

std::string RuleSetVersion(const RuleSet& rules) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files{fs::path(rules.dir()) / "clauses.yaml"};
  for (const CompiledRule& cr : rules.rules()) files.emplace_back(cr.rule.file);
  std::sort(files.begin(), files.end(),
            [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });
  Sha256 h;
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::string bytes(std::istreambuf_iterator<char>(in), {});
    if (!in && !in.eof()) return {};
    h.Update(file.filename().string());
    h.Update(std::string_view("\0", 1));
    h.Update(std::to_string(bytes.size()));
    h.Update(std::string_view("\0", 1));
    h.Update(bytes);
  }
  return h.FinalHex();
}

std::string_view SeverityLabel(Level level, Lang lang) {
  if (lang == Lang::En) return LevelName(level);
  switch (level) {
    case Level::Error: return "エラー";
    case Level::Warning: return "警告";
    case Level::Note: return "注記";
  }
  return "エラー";
}

std::string_view KindLabel(std::string_view kind, Lang lang) {
  const RecordDesc* d = FindRecordDesc(kind);
  return d ? d->Label(lang) : kind;
}

std::string_view PersonalInfoNotice(Lang lang) {
  return lang == Lang::Ja
             ? "注意: --show-personal-info が指定されたため、このレポートには患者の個人情報 (氏名・生年月日・"
               "投稿本文) が含まれています。取り扱いに注意してください。"
             : "WARNING: this report contains patients' personal information (names, birth dates, post texts) "
               "because --show-personal-info was given; handle it accordingly.";
}

std::string HumanTime(const Timestamp& t, Lang lang) {
  const boost::posix_time::ptime epoch(boost::gregorian::date(1970, 1, 1));
  return calendar::HumanTimestamp((t.utc - epoch).total_seconds(), lang);
}

std::string HeaderLine(const Report& r) {
  const bool ja = r.lang() == Lang::Ja;
  const Export& ex = r.input();
  const std::string name = ex.network && ex.network->name && !ex.network->name->empty()
                               ? EscapeControls(*ex.network->name)
                               : std::string(ja ? "(ネットワーク名なし)" : "(no network name)");
  const std::string exported =
      ex.exported_at ? HumanTime(*ex.exported_at, r.lang()) : std::string(ja ? "日時なし" : "time not given");
  const bool check = r.context().command == "check";
  if (check && r.context().as_of)
    return fmt::format(ja ? "{} の監査 (基準日 {}、エクスポート {})" : "{} audit (as of {}, exported {})", name,
                       calendar::HumanDate(*r.context().as_of, r.lang()), exported);
  return fmt::format(ja ? "{} の入力検証 (エクスポート {})" : "{} input validation (exported {})", name, exported);
}

std::string OtherFacilitiesProblems(size_t count, Lang lang) {
  return lang == Lang::Ja ? fmt::format("ほかの事業所の記録についての入力の問題 {} 件は、全体のレポートにあります", count)
                          : fmt::format("{} input problem{} about other facilities' records are in the whole report",
                                        count, count == 1 ? "" : "s");
}

std::string IncompleteNotice(size_t input_errors, Lang lang) {
  return lang == Lang::Ja
             ? fmt::format("注意: 入力エラーが {} 件あります。読めなかったデータがあるため、この結果は不完全で、"
                           "誤った指摘を含むかもしれません。まず入力エラーを直してください。",
                           input_errors)
             : fmt::format("WARNING: {} input error{}: some data could not be read, so this result is incomplete and "
                           "may contain wrong findings. Fix the input errors first.",
                           input_errors, input_errors == 1 ? "" : "s");
}

std::string FollowOnSummary(const std::string& file, uint32_t line, size_t count, Lang lang) {
  if (lang == Lang::Ja)
    return line <= 1 ? fmt::format("{} を読めなかったことから起きた {} 件のエラー (そこにあったはずの記録への参照、"
                                   "network がない など) は省略しました (--verbose ですべて表示、JSON レポートには全件)",
                                   file, count)
                     : fmt::format("{} を {} 行目までしか読めなかったことから起きた {} 件のエラー (その先にあったはずの"
                                   "記録への参照など) は省略しました (--verbose ですべて表示、JSON レポートには全件)",
                                   file, line, count);
  return line <= 1 ? fmt::format("{} errors that follow from {} not being read (references to records it would have "
                                 "held, no network, ...) are left out (--verbose lists them; the JSON report has them all)",
                                 count, file)
                   : fmt::format("{} errors that follow from {} being read only up to line {} (references to records "
                                 "the rest would have held, ...) are left out (--verbose lists them; the JSON report "
                                 "has them all)",
                                 count, file, line);
}

std::string MoreProblemsSummary(size_t count, Lang lang) {
  return lang == Lang::Ja ? fmt::format("ほか {} 件の入力の問題は省略しました (--verbose ですべて表示、JSON レポートには全件)", count)
                          : fmt::format("{} more input problem{} left out (--verbose lists them; the JSON report has them all)",
                                        count, count == 1 ? "" : "s");
}

std::string DiagnosticLine(const Diagnostic& d, Lang lang, std::optional<std::string> message) {
  std::string where = d.file.empty() ? std::string("rurume-audit")
                      : d.line == 0  ? d.file
                                     : fmt::format("{}:{}:{}", d.file, d.line, d.column);
  // A line for a terminal (and the text and JUnit reports): the file name
  // and the message may hold control characters from data.
  return fmt::format("{}: {}[{}]: {}\n", EscapeControls(where), SeverityLabel(d.level, lang), CodeId(d.code),
                     EscapeControls(message ? *message : d.Message(lang)));
}

}  // namespace rurume
