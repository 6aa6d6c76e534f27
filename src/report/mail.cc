#include "report/mail.h"

#include "audit/entry_reader.h"
#include "load/digest.h"
#include "rules/yaml_doc.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <tuple>
#include <sstream>

namespace rurume {

// ------------------------------------------------------------------ recipients

const Recipients::Facility* Recipients::Of(std::string_view facility) const {
  for (const Facility& f : facilities)
    if (f.id == facility) return &f;
  return nullptr;
}

bool IsMailAddress(std::string_view a) {
  const size_t at = a.find('@');
  if (at == std::string_view::npos || at != a.rfind('@') || at == 0 || at + 1 >= a.size() || a.size() > 254) return false;
  for (char ch : a) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7f || ch == '<' || ch == '>' || ch == ',' || ch == ';' || ch == '"' || ch == '(' || ch == ')' ||
        ch == '[' || ch == ']' || ch == '\\')
      return false;
  }
  const std::string_view domain = a.substr(at + 1);
  return domain.front() != '.' && domain.back() != '.' &&
         domain.find("..") == std::string_view::npos;
}

namespace {

class RecipientsReader : EntryReader {
 public:
  RecipientsReader(const YamlDoc& doc, Diagnostics& diags)
      : EntryReader(doc, diags, Code::RecipientsKeyMissing, Code::RecipientsType) {}

  void Read(const YAML::Node& root, Recipients& out) {
    if (!root.IsMap()) {
      TypeDiag(root, "宛先ファイル", "the recipients file", "マッピング (from:、secretariat:、facilities:)",
               "a mapping (from, secretariat, facilities)");
      return;
    }
    doc_.CheckKeys(root, {"from", "secretariat", "facilities"}, Code::RecipientsKeyUnknown, diags_);
    if (auto from = Text(root, "from")) {
      out.from = *from;
      CheckAddress(root["from"], *from);
    }
    out.secretariat = Addresses(root, "secretariat");
    const YAML::Node facilities = root["facilities"];
    if (!facilities || facilities.IsNull()) return;
    if (!facilities.IsMap()) {
      TypeDiag(facilities, "facilities", "facilities", "事業所 ID ごとのマッピング", "a mapping by facility id");
      return;
    }
    doc_.CheckKeys(facilities, {}, Code::RecipientsKeyUnknown, diags_);  // duplicate ids
    for (auto it = facilities.begin(); it != facilities.end(); ++it) {
      Recipients::Facility f;
      f.id = it->first.Scalar();
      auto [line, column] = doc_.Pos(it->first);
      f.line = line, f.column = column;
      const YAML::Node entry = it->second;
      if (!entry.IsMap()) {
        TypeDiag(entry, f.id, f.id, "マッピング (to:、send:)", "a mapping (to, send)");
        continue;
      }
      doc_.CheckKeys(entry, {"to", "send"}, Code::RecipientsKeyUnknown, diags_);
      f.to = Addresses(entry, "to");
      if (const YAML::Node send = entry["send"]) {
        const std::string s = ScalarText(send).value_or("");
        if (s == "every-night") f.every_night = true;
        else if (s != "when-new-or-due") doc_.Diag(diags_, Code::RecipientsSend, send, {s});
      }
      out.facilities.push_back(std::move(f));
    }
  }

 private:
  /// A required list of addresses (one address alone is a list of one).
  std::vector<std::string> Addresses(const YAML::Node& map, const char* key) {
    std::vector<std::string> out;
    const YAML::Node node = map[key];
    if (node && node.IsScalar()) {
      if (auto a = Text(map, key)) {
        CheckAddress(node, *a);
        out.push_back(*a);
      }
      return out;
    }
    if (!node || node.IsNull() || (node.IsSequence() && node.size() == 0)) {
      doc_.Diag(diags_, Code::RecipientsKeyMissing, KeyNode(map, key), {key});
      return out;
    }
    if (!node.IsSequence()) {
      TypeDiag(node, key, key, "メールアドレスのリスト", "a list of e-mail addresses");
      return out;
    }
    for (const YAML::Node& item : node) {
      auto a = ScalarText(item);
      if (!a) {
        TypeDiag(item, key, key, "メールアドレスのリスト", "a list of e-mail addresses");
        continue;
      }
      CheckAddress(item, *a);
      out.push_back(*a);
    }
    return out;
  }

  void CheckAddress(const YAML::Node& node, const std::string& a) {
    if (!IsMailAddress(a)) doc_.Diag(diags_, Code::RecipientsAddress, node, {a});
  }
};

}  // namespace

std::optional<Recipients> LoadRecipients(const std::string& path, Diagnostics& diags) {
  auto doc = YamlDoc::Read(path, Code::RecipientsYaml, diags);
  if (!doc) return std::nullopt;
  const size_t errors = diags.errors();
  Recipients out;
  out.file = path;
  RecipientsReader(*doc, diags).Read(doc->root(), out);
  if (diags.errors() > errors) return std::nullopt;
  return out;
}

// ------------------------------------------------------------------ the night's messages

namespace {

using J = nlohmann::json;

struct Counts {
  size_t new_errors = 0, new_warnings = 0, new_notes = 0, overdue = 0, fixed = 0, findings = 0;
  size_t attestations_expired = 0;
  bool baseline = false;
  bool Anything() const { return new_errors + new_warnings + new_notes + overdue + attestations_expired > 0; }
};

/// What a report (whole or one facility's) has that is new or due.
Counts CountsOf(const J& report) {
  Counts c;
  c.baseline = report.contains("baseline");
  for (const J& f : report.value("findings", J::array())) {
    ++c.findings;
    if (f.contains("waived")) continue;
    const bool added = !c.baseline || f.value("change", "") == "new";
    const std::string severity = f.value("severity", "");
    if (added) ++(severity == "error" ? c.new_errors : severity == "warning" ? c.new_warnings : c.new_notes);
    if (f.value("overdue", false)) ++c.overdue;
  }
  c.fixed = report.value("fixed", J::array()).size();
  const J manual = report.value("manual_clauses", J::object());
  if (manual.value("attestations_file", J()).is_string())
    c.attestations_expired = manual["summary"].value("expired", 0);
  return c;
}

std::string NetworkName(const Night& night) {
  if (night.report && (*night.report)["network"].is_object() && (*night.report)["network"]["name"].is_string())
    return (*night.report)["network"]["name"].get<std::string>();
  return "rurume-audit";
}

/// The non-zero counts, each with its label ("新規エラー 2件・新規警告 1件", "2 new errors, 1 new warning").
std::string Parts(const std::vector<std::tuple<size_t, const char*, const char*, const char*>>& parts, Lang lang) {
  const bool ja = lang == Lang::Ja;
  std::string out;
  for (const auto& [n, label_ja, one_en, many_en] : parts) {
    if (n == 0) continue;
    out += (out.empty() ? "" : (ja ? "・" : ", ")) +
           (ja ? fmt::format("{}{}件", label_ja, n) : fmt::format("{} {}", n, n == 1 ? one_en : many_en));
  }
  return out;
}

/// What is new ("新規エラー 2件・新規警告 1件"), or empty.
std::string NewParts(const Counts& c, Lang lang) {
  return Parts({{c.new_errors, "新規エラー ", "new error", "new errors"},
                {c.new_warnings, "新規警告 ", "new warning", "new warnings"},
                {c.new_notes, "新規注記 ", "new note", "new notes"}},
               lang);
}

/// What is due ("期限切れ 1件・確認記録の期限切れ 1件"), or empty.
std::string DueParts(const Counts& c, Lang lang) {
  return Parts({{c.overdue, "期限切れ ", "past its deadline", "past their deadlines"},
                {c.attestations_expired, "確認記録の期限切れ ", "attestation expired", "attestations expired"}},
               lang);
}

/// What is new, then what is due ("新規エラー 2件・期限切れ 1件"), or empty.
std::string Changes(const Counts& c, Lang lang) {
  const std::string added = NewParts(c, lang), due = DueParts(c, lang);
  return added + (!added.empty() && !due.empty() ? (lang == Lang::Ja ? "・" : ", ") : "") + due;
}

/// A facility as its report names it: "F001 南沢せせらぎ内科クリニック", or the id alone without a name.
std::string FacilityLabel(const J& report, const std::string& id) {
  if (report.contains("facility_name") && report["facility_name"].is_string())
    return id + " " + report["facility_name"].get<std::string>();
  return id;
}

/// The name of a report's attachment: "<network>_監査_2026-11-24[_F001].html",
/// with what a file name cannot hold replaced.
std::string AttachmentName(const Night& night, const std::string& facility, Lang lang) {
  std::string name = fmt::format("{}_{}_{}{}.html", NetworkName(night), lang == Lang::Ja ? "監査" : "audit", night.day,
                                 facility.empty() ? "" : "_" + facility);
  for (char& ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f || std::string_view("/\\:*?\"<>|").find(ch) != std::string_view::npos) ch = '_';
  }
  return name;
}

}  // namespace

std::string SecretariatSubject(const Night& night, Lang lang) {
  const bool ja = lang == Lang::Ja;
  const std::string head = fmt::format("[{}] {} ", NetworkName(night), night.day);
  if (!night.trusted) {
    if (night.report && night.report->value("complete", true) == false) {
      const size_t n = (*night.report)["summary"]["diagnostics"].value("error", 0);
      return head + (ja ? fmt::format("監査できませんでした: 入力エラー {}件", n)
                        : fmt::format("could not audit: {} input error{}", n, n == 1 ? "" : "s"));
    }
    return head + (ja ? "監査できませんでした: 本文を見てください" : "could not audit: see the message");
  }
  // What is new first; else whether anything was fixed or nothing changed; then what is past its deadline.
  const Counts c = night.report ? CountsOf(*night.report) : Counts{};
  std::string state = NewParts(c, lang);
  if (state.empty())
    state = c.fixed > 0 ? (ja ? fmt::format("解消 {}件 (新規なし)", c.fixed) : fmt::format("{} fixed, nothing new", c.fixed))
                        : (ja ? "指摘の変化なし" : "no change in the findings");
  const std::string due = DueParts(c, lang);
  return head + state + (due.empty() ? "" : (ja ? "・" : ", ") + due);
}

std::vector<Mail> NightlyMails(const Night& night, const Recipients& recipients, Lang lang) {
  const bool ja = lang == Lang::Ja;
  std::vector<Mail> facility_mails;
  std::vector<std::string> delivered, undelivered, unaddressed;
  if (night.trusted) {
    for (const Night::Facility& f : night.facilities) {
      const Counts c = CountsOf(f.report);
      const Recipients::Facility* to = recipients.Of(f.id);
      const std::string label = FacilityLabel(f.report, f.id);
      if (!to) {
        unaddressed.push_back(f.id);
        if (c.Anything()) undelivered.push_back(label + ": " + Changes(c, lang));
        continue;
      }
      if (!c.Anything() && !to->every_night) continue;
      Mail m;
      m.facility = f.id;
      m.from = recipients.from;
      m.to = to->to;
      const std::string changes = Changes(c, lang);
      m.subject = fmt::format("[{}] {} {}: {}", NetworkName(night), night.day, label,
                              !changes.empty() ? changes
                              : ja             ? fmt::format("新しいことはありません (指摘 {}件)", c.findings)
                                               : fmt::format("nothing new (findings: {})", c.findings));
      m.text = (ja ? fmt::format("このメールは {} の夜間監査から、{} の宛先に送っています。この事業所の指摘だけが書かれています。\n"
                                 "添付の HTML ファイルをブラウザで開くと、表で見られます。\n\n",
                                 NetworkName(night), label)
                   : fmt::format("This message comes from the nightly audit of {} to the addresses of {}: it holds this "
                                 "facility's findings only. Open the attached HTML file in a browser to see them as a table.\n\n",
                                 NetworkName(night), label)) +
               f.text;
      if (!f.html.empty()) m.attachments.push_back({AttachmentName(night, f.id, lang), "text/html; charset=UTF-8", f.html});
      delivered.push_back(fmt::format("{}: {}", label, fmt::format("{}", fmt::join(to->to, ", "))));
      facility_mails.push_back(std::move(m));
    }
  }
  Mail s;
  s.from = recipients.from;
  s.to = recipients.secretariat;
  s.subject = SecretariatSubject(night, lang);
  // The summary names the report on the server, which nobody opens from their PC: the attachment instead.
  const std::string attachment = AttachmentName(night, "", lang);
  std::istringstream lines(night.summary);
  for (std::string line; std::getline(lines, line);) {
    const std::string_view prefix = ja ? "レポート: " : "report: ";
    if (line.rfind(prefix, 0) == 0 && !night.report_html.empty())
      line = fmt::format(ja ? "レポート: 添付の {} をブラウザで開いてください (サーバーでは {})"
                            : "report: open the attached {} in a browser (on the server: {})",
                         attachment, line.substr(prefix.size()));
    s.text += line + "\n";
  }
  auto list = [&](const char* title_ja, const char* title_en, const std::vector<std::string>& items) {
    if (items.empty()) return;
    s.text += fmt::format("\n{}\n", ja ? title_ja : title_en);
    for (const std::string& i : items) s.text += "  " + i + "\n";
  };
  if (night.trusted) {
    list("事業所に送ったメール:", "sent to the facilities:", delivered);
    list("届けていない事業所 (宛先がありません。新しいことか期限を過ぎたことがあります):",
         "not delivered (no recipients, and something new or past its deadline):", undelivered);
    if (!unaddressed.empty())
      s.text += fmt::format(ja ? "\n宛先のない事業所 ({} の facilities にありません): {}\n"
                               : "\nfacilities without recipients (not in the facilities of {}): {}\n",
                            recipients.file, fmt::format("{}", fmt::join(unaddressed, ja ? "、" : ", ")));
  } else {
    s.text += ja ? "\n監査を信頼できないため、事業所にはメールを送っていません。\n"
                 : "\nThe audit cannot be trusted, so no facility was sent a message.\n";
  }
  if (!night.report_html.empty()) s.attachments.push_back({attachment, "text/html; charset=UTF-8", night.report_html});
  std::vector<Mail> out{std::move(s)};
  for (Mail& m : facility_mails) out.push_back(std::move(m));
  return out;
}

// ------------------------------------------------------------------ MIME

namespace {

std::string Base64(std::string_view bytes) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

/// A body in base64, 76 columns a line, CRLF.
std::string Base64Body(std::string_view bytes) {
  const std::string b = Base64(bytes);
  std::string out;
  for (size_t i = 0; i < b.size(); i += 76) out += b.substr(i, 76) + "\r\n";
  return out;
}

/// Lines end in CRLF, whatever they ended in.
std::string Crlf(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') continue;
    if (text[i] == '\n') out += "\r\n";
    else out += text[i];
  }
  if (!out.empty() && (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0)) out += "\r\n";
  return out;
}

/// The length of the longest prefix of `s` of at most `limit` bytes that ends between UTF-8 characters.
size_t CharacterPrefix(std::string_view s, size_t limit) {
  if (s.size() <= limit) return s.size();
  size_t n = limit;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return n;
}

/// RFC 2231's percent-encoding of a parameter value (attr-char as it is).
std::string PercentEncode(std::string_view s) {
  std::string out;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || std::string_view("!#$&+-.^_`|~").find(ch) != std::string_view::npos) out += ch;
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

/// `filename*0*=UTF-8''...; filename*1*=...`: RFC 2231 continuations of at most 54 characters (a line of at
/// most 78), each ending between two characters of the value, never inside a %XX.
std::string Rfc2231(const char* param, std::string_view value) {
  const std::string encoded = PercentEncode(value);
  // Where a piece may end: before a %XX that is not a UTF-8 continuation byte, or before a plain character.
  auto boundary = [&](size_t at) {
    if (at >= encoded.size()) return true;
    if (encoded[at] != '%') return at == 0 || encoded[at - 1] != '%' && (at < 2 || encoded[at - 2] != '%');
    const int byte = std::stoi(encoded.substr(at + 1, 2), nullptr, 16);
    return (byte & 0xC0) != 0x80;
  };
  std::vector<std::string> pieces;
  for (size_t i = 0; i < encoded.size();) {
    size_t n = std::min<size_t>(54, encoded.size() - i);
    while (n > 1 && !boundary(i + n)) --n;
    pieces.push_back(encoded.substr(i, n));
    i += n;
  }
  std::string out;
  for (size_t k = 0; k < pieces.size(); ++k)
    out += fmt::format(";\r\n {}*{}*={}{}", param, k, k == 0 ? "UTF-8''" : "", pieces[k]);
  return out;
}

bool PrintableAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char ch) { return ch >= 0x20 && ch < 0x7f; });
}

}  // namespace

std::string EncodeHeader(std::string_view text, size_t used) {
  if (PrintableAscii(text) && used + text.size() <= 78) return std::string(text);
  std::string out;
  size_t column = used;
  while (!text.empty()) {
    // An encoded word is at most 75 columns, and the line at most 78: 12 of them are "=?UTF-8?B?" and "?=".
    const size_t room = std::min<size_t>(75, 78 - column) - 12;
    const size_t n = CharacterPrefix(text, room / 4 * 3);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(text.substr(0, n)) + "?=";
    text.remove_prefix(n);
    column = 1;
  }
  return out;
}

std::string MailDate(std::time_t t) {
  std::time_t japan = t + 9 * 3600;
  std::tm tm{};
  gmtime_r(&japan, &tm);
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0900", kDays[tm.tm_wday], tm.tm_mday, kMonths[tm.tm_mon],
                     tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string RenderMail(const Mail& mail, const std::string& date, const std::string& message_id) {
  std::string h;
  h += "From: " + mail.from + "\r\n";
  std::string to;
  for (const std::string& a : mail.to) to += (to.empty() ? "" : ",\r\n ") + a;
  h += "To: " + to + "\r\n";
  h += "Subject: " + EncodeHeader(mail.subject, 9) + "\r\n";
  h += "Date: " + date + "\r\n";
  h += "Message-ID: " + message_id + "\r\n";
  h += "MIME-Version: 1.0\r\n";
  h += "Auto-Submitted: auto-generated\r\n";
  h += "X-Auto-Response-Suppress: All\r\n";
  const std::string text_part = "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
                                Base64Body(Crlf(mail.text));
  if (mail.attachments.empty()) return h + text_part;
  // A boundary no part can hold: base64 has no '=' but at its end, and none "_".
  const std::string boundary = "=_rurume_" + Sha256Hex(mail.subject + mail.text).substr(0, 24);
  h += "Content-Type: multipart/mixed;\r\n boundary=\"" + boundary + "\"\r\n\r\n";
  h += "This is a MIME message.\r\n";
  h += "--" + boundary + "\r\n" + text_part;
  for (const Mail::Attachment& a : mail.attachments) {
    h += "--" + boundary + "\r\n";
    h += "Content-Type: " + a.content_type + ";\r\n name=\"" + EncodeHeader(a.name, 7) + "\"\r\n";
    h += "Content-Disposition: attachment" + Rfc2231("filename", a.name) + "\r\n";
    h += "Content-Transfer-Encoding: base64\r\n\r\n" + Base64Body(a.bytes);
  }
  h += "--" + boundary + "--\r\n";
  return h;
}

}  // namespace rurume
