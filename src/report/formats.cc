#include "report/formats.h"

namespace rurume {

// One file each: text.cc, json.cc, junit.cc, sarif.cc, html.cc.
std::unique_ptr<Reporter> MakeTextReporter();
std::unique_ptr<Reporter> MakeJsonReporter();
std::unique_ptr<Reporter> MakeJunitReporter();
std::unique_ptr<Reporter> MakeSarifReporter();
std::unique_ptr<Reporter> MakeHtmlReporter();  // html.cc

const std::vector<Format>& Formats() {
  static const std::vector<Format> kFormats{
      // name, file extension (--split-by), description, factory
      {"text", "txt", "for people: findings by clause and subject, aligned, Japanese or English", MakeTextReporter},
      {"json", "json", "for programs: schemas/rurume-audit-report.schema.json", MakeJsonReporter},
      {"junit", "xml", "for CI dashboards: a test suite per clause, a test case per finding", MakeJunitReporter},
      {"sarif", "sarif", "SARIF 2.1.0, for code-scanning tools", MakeSarifReporter},
      {"html", "html", "for the secretariat: one self-contained page with charts, a sortable table", MakeHtmlReporter},
  };
  return kFormats;
}

const Format* FindFormat(std::string_view name) {
  for (const Format& f : Formats())
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace rurume
