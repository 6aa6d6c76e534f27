// Writes the HTML report of the HTML tests' fixture with waivers and a
// baseline (html_run.h) for the browser test, and prints what the page must
// count: {"findings": 5, "new": 1, "waived": 1, "fixed": 2}.
//   html_triage_page SOURCE_DIR OUT.html [ja|en]
#include "html_run.h"

#include <fstream>
#include <iostream>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: html_triage_page SOURCE_DIR OUT.html [ja|en]\n";
    return 2;
  }
  using namespace rurume;
  Lang lang = argc > 3 && std::string(argv[3]) == "en" ? Lang::En : Lang::Ja;
  html_test::HtmlRun run(argv[1], lang, true);
  std::ofstream(argv[2], std::ios::binary) << run.Render();
  size_t added = 0, waived = 0;
  for (size_t i = 0; i < run.audit.findings.size(); ++i) {
    added += run.triage.change[i] == Change::New;
    waived += run.triage.waived_by[i] != nullptr;
  }
  std::cout << "{\"findings\": " << run.audit.findings.size() << ", \"new\": " << added << ", \"waived\": " << waived
            << ", \"fixed\": " << run.fixed() << ", \"not_evaluated\": " << run.audit.not_evaluated.size() << "}\n";
  return 0;
}
