// The nightly mail (`rurume-audit mail`): who receives what (the
// secretariat's recipients file, schemas/rurume-recipients.schema.json),
// the messages of one night built from the nightly script's day directory,
// and each as an RFC 5322 / MIME message (UTF-8 bodies in base64, RFC 2047
// subjects, RFC 2231 and RFC 2047 attachment names, Date, Message-ID,
// Auto-Submitted). Sending them (sendmail -t) is the program's (cli/).
#pragma once

#include "base/diagnostics.h"

#include <nlohmann/json.hpp>

#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rurume {

/// The recipients file: the secretariat's addresses, and each facility's.
/// Who receives is the secretariat's decision: MCS's invitation addresses
/// (protected information, 第3条) are never read.
struct Recipients {
  struct Facility {
    std::string id;
    std::vector<std::string> to;
    bool every_night = false;  // `send: every-night`; else only when something is new or due
    uint32_t line = 0, column = 0;
  };
  std::string file;
  std::string from;                      // the From: address
  std::vector<std::string> secretariat;  // To: of the secretariat's message
  std::vector<Facility> facilities;      // in file order
  const Facility* Of(std::string_view facility) const;
};

/// Reads a recipients file; every problem a diagnostic with its position
/// (RA3060-RA3066; unreadable RA1004, duplicate key RA1030). nullopt on an error.
std::optional<Recipients> LoadRecipients(const std::string& path, Diagnostics& diags);

/// Whether `address` is a plain addr-spec (local@domain, no space, no
/// control character, no angle bracket or comma).
bool IsMailAddress(std::string_view address);

/// One message, before it is encoded.
struct Mail {
  struct Attachment {
    std::string name;          // UTF-8, shown to the reader
    std::string content_type;  // "text/html; charset=UTF-8"
    std::string bytes;
  };
  std::string from;
  std::vector<std::string> to;
  std::string subject;  // UTF-8
  std::string text;     // the plain-text body, UTF-8
  std::vector<Attachment> attachments;
  std::string facility;  // the facility it is for; empty: the secretariat's
};

/// The night, as the nightly script left it in its day directory.
struct Night {
  std::string day;           // YYYY-MM-DD
  std::string dir;           // the day directory
  bool trusted = false;      // the audit could be trusted (not a .untrusted directory)
  std::string summary;       // summary.txt: the secretariat's body
  std::optional<nlohmann::json> report;  // report.json (the whole report), when there is one
  std::string report_html;   // report.html, or facilities/all.html; empty when there is none
  struct Facility {
    std::string id;
    nlohmann::json report;   // facilities/<id>.json
    std::string text, html;  // facilities/<id>.txt, .html
  };
  std::vector<Facility> facilities;  // in the whole report's facility order
};

/// The messages of a night: the secretariat's first (always; its subject
/// says the state at a glance, its body is the summary, then who received
/// what and which facility has no recipients, with the whole HTML report
/// attached), then one per facility that has recipients and something new
/// or due (every night with `send: every-night`; none on a night that
/// could not be trusted), with its own text report as the body and its own
/// HTML report attached, never another facility's.
std::vector<Mail> NightlyMails(const Night& night, const Recipients& recipients, Lang lang);

/// The secretariat's subject ("[るるめネット] 2026-11-24 新規エラー 2件・期限切れ 1件",
/// "… 指摘の変化なし", "… 監査できませんでした: 入力エラー").
std::string SecretariatSubject(const Night& night, Lang lang);

/// The encoded header value of UTF-8 `text`: as it is when it is printable
/// ASCII, else RFC 2047 encoded words ("=?UTF-8?B?...?=", whole characters
/// each, at most 75 columns), folded so that no line passes 78 columns;
/// `used` columns of the first line are taken by the header's name.
std::string EncodeHeader(std::string_view text, size_t used);

/// A Date: header's value for an instant, in Japan time: "Tue, 24 Nov 2026 02:15:00 +0900".
std::string MailDate(std::time_t t);

/// The message as RFC 5322 bytes (CRLF line ends), with `date` and
/// `message_id` ("<...@...>") as given.
std::string RenderMail(const Mail& mail, const std::string& date, const std::string& message_id);

}  // namespace rurume
