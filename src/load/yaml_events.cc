// ReadYamlEvents: yaml-cpp's event parser behind the loader's lexical
// pre-pass, for a handler other than the loader's (the YAML test suite's).
#include "load/loader.h"

#include "load/input.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

namespace rurume {

namespace {

/// Hands events on with the scanner's fixes applied to scalar values.
class FixingHandler : public YAML::EventHandler {
 public:
  FixingHandler(YAML::EventHandler& to, const InputStreambuf& input) : to_(to), input_(input) {}
  void OnDocumentStart(const YAML::Mark& m) override {
    // As in Ingress: yaml-cpp 0.7 starts empty documents forever at a top-level ','.
    if (documents_++ > 0 && m.pos == last_document_pos_)
      throw YAML::ParserException(m, "unexpected token at the top level");
    last_document_pos_ = m.pos;
    to_.OnDocumentStart(m);
  }
  void OnDocumentEnd() override { to_.OnDocumentEnd(); }
  void OnNull(const YAML::Mark& m, YAML::anchor_t a) override { to_.OnNull(m, a); }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t a) override { to_.OnAlias(m, a); }
  void OnScalar(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a, const std::string& raw) override {
    std::string value = raw;
    input_.scanner().FixValue(m.pos, value);
    to_.OnScalar(m, tag, a, value);
  }
  void OnSequenceStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a,
                       YAML::EmitterStyle::value style) override {
    to_.OnSequenceStart(m, tag, a, style);
  }
  void OnSequenceEnd() override { to_.OnSequenceEnd(); }
  void OnMapStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a,
                  YAML::EmitterStyle::value style) override {
    to_.OnMapStart(m, tag, a, style);
  }
  void OnMapEnd() override { to_.OnMapEnd(); }

 private:
  YAML::EventHandler& to_;
  const InputStreambuf& input_;
  int documents_ = 0;
  int last_document_pos_ = -1;
};

}  // namespace

bool ReadYamlEvents(const std::string& name, std::istream& source, YAML::EventHandler& handler, Diagnostics& diags) {
  InputStreambuf input(source, name, diags);
  std::istream in(&input);
  FixingHandler fixing(handler, input);
  std::optional<YAML::Exception> syntax_error;
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(fixing)) {
    }
  } catch (const YAML::Exception& e) {
    syntax_error = e;
  }
  in.clear();
  in.ignore(std::numeric_limits<std::streamsize>::max());
  const auto& problems = input.scanner().problems();
  for (const YamlScanner::Problem& p : problems)
    diags.AddLocalized(Code::YamlSyntax, name, p.line, p.column, {p.ja}, {p.en});
  if (syntax_error)
    diags.Add(Code::YamlSyntax, name, static_cast<uint32_t>(std::max(syntax_error->mark.line, 0)) + 1,
              input.CharColumn(syntax_error->mark.pos, syntax_error->mark.column), {syntax_error->msg});
  return problems.empty() && !syntax_error;
}

}  // namespace rurume
