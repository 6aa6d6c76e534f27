// Input diagnostics: problems with an export (or a rule file) that make the
// audit untrustworthy (errors) or suspicious (warnings). Each has a stable
// code (RA1xxx: reading an export; RA2xxx: the rule set and configuration;
// RA3xxx: the waivers and the baseline) documented in docs and the man page,
// and a message in Japanese and English rendered from the code's templates.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rurume {

enum class Level : uint8_t { Error, Warning, Note };
std::string_view LevelName(Level level);  // "error", "warning", "note"

enum class Lang : uint8_t { Ja, En };

/// Every diagnostic the loader can give. The numbers are stable: never reuse one.
enum class Code : uint16_t {
  YamlSyntax = 1001,
  InvalidUtf8 = 1002,
  NulByte = 1003,
  Unreadable = 1004,
  MultipleDocuments = 1005,
  NotAMapping = 1006,
  Encoding = 1007,
  NotYaml = 1008,
  MoreOfTheSame = 1009,
  FormatMissing = 1010,
  FormatUnknown = 1011,
  FileCut = 1012,
  NotAnExport = 1013,
  WrongType = 1020,
  EnumValue = 1021,
  InvalidDate = 1022,
  InvalidTimestamp = 1023,
  Yaml11Bool = 1024,
  OutOfRange = 1025,
  DuplicateKey = 1030,
  DuplicateId = 1031,
  DanglingRef = 1032,
  MissingId = 1033,
  ExtraAllMembersGroup = 1034,
  TopLevelTwice = 1040,
  TopLevelMissing = 1041,
  UnknownField = 1050,
  AliasLimit = 1060,
  DepthLimit = 1061,
  ComplexKey = 1070,
  UnsupportedTag = 1071,
  NoInput = 1080,
  BrokenLink = 1081,
  NotAFile = 1082,
  AsOfBeforeExport = 1090,
  ExportOld = 1091,
  // Rule set and configuration (RA2xxx): any of these stops `check` before it
  // reads an export.
  RuleYaml = 2001,
  RuleKeyMissing = 2002,
  RuleKeyUnknown = 2003,
  RuleKeyType = 2004,
  RuleIdMismatch = 2005,
  RuleUnknownClause = 2006,
  RuleBadSeverity = 2007,
  RuleUnknownFor = 2008,
  RuleDuplicateId = 2009,
  ExprSyntax = 2010,
  ExprCheck = 2011,
  ExprNotBool = 2012,
  ExprPersonal = 2013,
  ExprEnumValue = 2014,
  TemplateSyntax = 2015,
  RuleParamType = 2016,
  NoRules = 2017,
  ClauseList = 2018,
  ExprTimeZone = 2019,
  ConfigYaml = 2020,
  ConfigUnknownParam = 2021,
  ConfigParamType = 2022,
  ConfigKey = 2023,
  ConfigParamRange = 2024,
  CostLimit = 2030,
  // Waivers (--waivers) and baseline (--baseline), RA3xxx: an error stops
  // `check` before it reads an export; the warnings are reported with it.
  WaiversYaml = 3001,
  WaiverKeyMissing = 3002,
  WaiverKeyUnknown = 3003,
  WaiverRuleAndClause = 3004,
  WaiverUnknownRule = 3005,
  WaiverUnknownClause = 3006,
  WaiverBadDate = 3007,
  WaiverType = 3008,
  WaiverExpired = 3010,
  WaiverUnused = 3011,
  BaselineUnreadable = 3020,
  BaselineJson = 3021,
  BaselineNotReport = 3022,
  BaselineShrunk = 3030,
  BaselineRemoved = 3031,
  // Attestations (--attestations): an error stops `check`; the warnings are
  // reported with it.
  AttestationsYaml = 3040,
  AttestationKeyMissing = 3041,
  AttestationKeyUnknown = 3042,
  AttestationType = 3043,
  AttestationUnknownClause = 3044,
  AttestationNotManual = 3045,
  AttestationScope = 3046,
  AttestationBadDate = 3047,
  AttestationNoExpiry = 3048,
  AttestationDateOrder = 3049,
  AttestationUnknownFacility = 3050,
  AttestationBadActor = 3051,
  AttestationWithdrawn = 3055,
  AttestationUserElsewhere = 3056,
  AttestationFuture = 3057,
  AttestationLong = 3058,
  // The recipients file of `mail` (--recipients): an error stops it before
  // anything is sent.
  RecipientsYaml = 3060,
  RecipientsKeyMissing = 3061,
  RecipientsKeyUnknown = 3062,
  RecipientsType = 3063,
  RecipientsAddress = 3064,
  RecipientsSend = 3065,
  RecipientsUnknownFacility = 3066,
};

struct CodeInfo {
  Code code;
  Level level;
  std::string_view slug;  // "duplicate-key"
  std::string_view ja;    // fmt template, positional {0} {1} ...
  std::string_view en;
};
const CodeInfo& InfoOf(Code code);
const std::vector<CodeInfo>& AllCodes();
/// "RA1030"
std::string CodeId(Code code);

struct Diagnostic {
  Code code;
  Level level;
  std::string file;   // empty when not tied to a file
  uint32_t line = 0;  // 0 when not tied to a position
  uint32_t column = 0;
  std::vector<std::string> args;
  /// The arguments in English when they are words that differ by language
  /// (`args` are then the Japanese ones); empty when `args` serve both.
  std::vector<std::string> en_args = {};
  /// A follow-on error: the file that could not be read completely, and the
  /// line where reading stopped, whose missing part explains this one (a
  /// reference to an id the rest of that file may hold). Empty otherwise.
  std::string cause_file = {};
  uint32_t cause_line = 0;
  /// The message in `lang`, with the arguments filled in.
  std::string Message(Lang lang) const;
};

/// Which comes first in a list of an export's problems, so that what made the
/// rest unreadable is read first: 0 a file that could not be read at all
/// (missing, another encoding or kind of file), 1 where reading a file
/// stopped or went wrong (syntax, bytes, format), 2 the other problems, 3
/// the errors that follow from a file read only in part (`cause_file`).
int Stage(const Diagnostic& d);

/// The diagnostics of one run, in the order found.
class Diagnostics {
 public:
  void Add(Code code, std::string file, uint32_t line, uint32_t column, std::vector<std::string> args = {});
  /// A diagnostic whose arguments are words, in Japanese and in English.
  void AddLocalized(Code code, std::string file, uint32_t line, uint32_t column, std::vector<std::string> ja_args,
                    std::vector<std::string> en_args);
  const std::vector<Diagnostic>& all() const { return items_; }
  /// For marking a diagnostic after the fact (a follow-on error's cause).
  Diagnostic& at(size_t i) { return items_.at(i); }
  size_t errors() const { return errors_; }
  size_t warnings() const { return warnings_; }
  /// Sorts by Stage(), then file order (the order files were read), line,
  /// column, code.
  void Sort(const std::vector<std::string>& file_order);
  /// Sorts by file name, line, column, code.
  void Sort();

 private:
  std::vector<Diagnostic> items_;
  size_t errors_ = 0;
  size_t warnings_ = 0;
};

}  // namespace rurume
