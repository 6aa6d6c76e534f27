// The export model as seen by rule expressions: one ObjectType per record
// type, built from the schema tables, plus the reverse relations (a user's
// documents, a group's posts, ...) as read-only list fields.
//
// Field values are views into the model: nothing is copied, and a rule over
// all users that walks each user's documents costs O(users + documents).
#pragma once

#include "base/diagnostics.h"
#include "expr/value.h"
#include "model/schema.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace rurume {

/// The expression type of each record type ("device", "member", ...).
const expr::ObjectType* ObjectTypeOf(const RecordDesc& desc);
const expr::ObjectType* ObjectTypeByName(std::string_view name);

/// What a rule's `for` can name: the collection, the subject's variable name
/// and its record type. `members` stands for every member entry of every group.
struct SubjectKind {
  std::string_view collection;  // "devices", "members"
  std::string_view variable;    // "device", "member"
  const RecordDesc* desc;
};
const std::vector<SubjectKind>& SubjectKinds();
const SubjectKind* FindSubjectKind(std::string_view collection);

/// Every subject of a kind in the export, in export order, with its report id
/// ("DV0042", or "G101/U0007" for a member).
struct Subject {
  const void* record;
  std::string id;
  Loc loc;
  std::string_view facility;  // FacilityIdOf the record
};
std::vector<Subject> SubjectsOf(const Export& ex, const SubjectKind& kind);

/// While one lives (on this thread), personal fields (records.def,
/// kPersonal) read as an error that says they are withheld, not as their
/// values: `eval` without --show-personal-info, whose output goes where the
/// reports go (terminals, logs, mails). has() still answers.
class WithholdPersonal {
 public:
  explicit WithholdPersonal(Lang lang);
  ~WithholdPersonal();
  WithholdPersonal(const WithholdPersonal&) = delete;
  WithholdPersonal& operator=(const WithholdPersonal&) = delete;
  /// The language of the withheld fields' error on this thread, or null
  /// when personal fields read as their values.
  static const Lang* Active();

 private:
  Lang lang_;
  const WithholdPersonal* previous_;
};

/// The language of the errors field reads give (a field not given, a
/// reference to a missing record): the reasons a report shows for subjects
/// not evaluated. A scope, like WithholdPersonal, on this thread; English
/// when none is active.
class ErrorLanguage {
 public:
  explicit ErrorLanguage(Lang lang);
  ~ErrorLanguage();
  ErrorLanguage(const ErrorLanguage&) = delete;
  ErrorLanguage& operator=(const ErrorLanguage&) = delete;
  static Lang Active();

 private:
  Lang lang_;
  const ErrorLanguage* previous_;
};

/// The record types an export may lack records of, because a file that
/// began their collection was read only in part (SourceFile::stopped_at_line;
/// every type when a file could not be read at all), and whether an
/// evaluation read a relation to one of them (a facility's users, a user's
/// memberships): a false result of such an evaluation may be false only
/// because the records it needed were not read.
class IncompleteData {
 public:
  /// `lang`: of the reasons it gives (BadValueError).
  explicit IncompleteData(const Export& ex, Lang lang = Lang::Ja);
  bool any() const { return !where_.empty(); }
  /// The current one's reason a field of `record` is absent when its value
  /// was unusable ("入力エラー (users.yaml:12:5, RA1021)"), or null.
  static const std::string* BadValue(const void* record, std::string_view field);
  /// Makes this the current one (of this thread) while it lives.
  class Scope {
   public:
    explicit Scope(IncompleteData* data);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    IncompleteData* previous_;
  };
  /// Forgets what was read.
  void Reset() { hit_ = nullptr; }
  /// The file and line ("users.yaml:105") of the first incomplete source
  /// read since Reset(), or null.
  const std::string* hit() const { return hit_; }
  /// Notes a read of a relation to records of `desc` (from the binding).
  static void Touch(const RecordDesc& desc);

 private:
  std::map<const RecordDesc*, std::string> where_;
  std::map<std::pair<const void*, std::string_view>, std::string> bad_;
  const std::string* hit_ = nullptr;
};

}  // namespace rurume
