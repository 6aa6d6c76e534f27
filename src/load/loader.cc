#include "load/loader.h"

#include "model/schema.h"

#include "load/builder.h"
#include "load/ingress.h"
#include "base/os_error.h"

namespace rurume {

Loader::Loader(Export& out, Diagnostics& diags, LoadLimits limits) : ex_(out), diags_(diags), limits_(limits) {}

void Loader::AddFile(const std::string& path) {
  if (path == "-") {
    std::ios::sync_with_stdio(false);
    return AddStream("-", std::cin);
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    diags_.AddLocalized(Code::Unreadable, path, 0, 0, {OsErrorJa(EISDIR)}, {"is a directory"});
    return;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int error = errno;
    diags_.AddLocalized(Code::Unreadable, path, 0, 0, {OsErrorJa(error)}, {std::strerror(error)});
    ex_.files.push_back(SourceFile{path, {}, 0});
    ex_.files.back().stopped_at_line = 1;
    return;
  }
  AddStream(path, in);
}

void Loader::AddBuffer(const std::string& name, std::string bytes) {
  std::istringstream in(std::move(bytes));
  AddStream(name, in);
}

void Loader::AddStream(const std::string& name, std::istream& source) {
  uint32_t file = static_cast<uint32_t>(ex_.files.size());
  ex_.files.push_back(SourceFile{name, {}, 0});
  InputStreambuf input(source, ex_.files.back().path, diags_);
  Builder builder(*this, file, ex_.files.back().path, input);
  Ingress ingress(builder, limits_, input);
  std::istream in(&input);
  std::optional<YAML::Exception> syntax_error;
  uint32_t stopped = 0;
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(ingress)) {
    }
    if (!input.rejected()) builder.Finish();
  } catch (const AbortFile&) {
    builder.Unwind();
    stopped = diags_.all().empty() ? 1 : std::max<uint32_t>(diags_.all().back().line, 1);
  } catch (const YAML::Exception& e) {
    builder.Unwind();
    syntax_error = e;
  }
  // Read what the parser left (after an error) so that the digest and the
  // encoding checks, and the scanner's, cover the whole input.
  in.clear();
  in.ignore(std::numeric_limits<std::streamsize>::max());
  input.FinishText();
  // What the scanner found (an unclosed quote, a `#` without a space before
  // it, ...) is the first problem; a syntax error of yaml-cpp's at or after
  // it is its consequence, and not shown.
  const auto& problems = input.scanner().problems();
  for (const YamlScanner::Problem& p : problems)
    diags_.AddLocalized(Code::YamlSyntax, name, p.line, p.column, {p.ja}, {p.en});
  if (syntax_error) {
    stopped = std::max<uint32_t>(static_cast<uint32_t>(std::max(syntax_error->mark.line, 0)) + 1, 1);
    for (const YamlScanner::Problem& p : problems) stopped = std::min(stopped, std::max<uint32_t>(p.line, 1));
    if (!builder.ScannerExplains(*syntax_error, problems)) builder.SyntaxError(*syntax_error);
  }
  if (input.read_error()) {
    const int error = errno;
    diags_.AddLocalized(Code::Unreadable, name, 0, 0, {OsErrorJa(error)}, {std::strerror(error)});
    stopped = stopped ? stopped : 1;
  }
  if (input.rejected()) stopped = 1;
  ex_.files[file].stopped_at_line = stopped;
  if (!input.rejected() && input.ends_without_newline()) ex_.files[file].unterminated_line = input.lines();
  ex_.files[file].size = input.size();
  ex_.files[file].sha256 = input.FinishDigest();
}

void Loader::Finish() {
  auto once = [&](const std::vector<Loc>& locs, const char* what) {
    if (locs.empty()) diags_.Add(Code::TopLevelMissing, "", 0, 0, {what});
    for (size_t i = 1; i < locs.size(); ++i)
      diags_.Add(Code::TopLevelTwice, ex_.files[locs[i].file].path, locs[i].line, locs[i].column,
                 {what, FormatLoc(ex_, locs[0])});
  };
  once(network_locs_, "network");
  once(exported_at_locs_, "exported_at");
  // Nothing moves any more: a bad value in a list's entry finds its entry.
  for (BadValue& b : ex_.bad_values)
    if (b.list_field && b.index < b.list_field->count(b.list))  // (an entry since dropped keeps its old key)
      b.record = static_cast<const char*>(b.list_field->at(b.list, b.index)) + b.offset;
  Link(ex_, diags_);
  MarkFollowOnErrors(ex_, diags_);
  std::vector<std::string> order;
  for (const SourceFile& f : ex_.files) order.push_back(f.path);
  diags_.Sort(order);
}

Export LoadExport(const std::vector<std::string>& paths, Diagnostics& diags, LoadLimits limits,
                  const std::function<void(size_t, size_t)>& on_file, const std::vector<std::string>& exclude) {
  Export ex;
  Loader loader(ex, diags, limits);
  std::vector<std::string> files = ExpandInputs(paths, diags, exclude);
  for (size_t i = 0; i < files.size(); ++i) {
    if (on_file) on_file(i + 1, files.size());
    loader.AddFile(files[i]);
  }
  loader.Finish();
  return ex;
}

std::string FormatLoc(const Export& ex, const Loc& loc) {
  const std::string& file = loc.file < ex.files.size() ? ex.files[loc.file].path : std::string("?");
  return fmt::format("{}:{}:{}", file, loc.line, loc.column);
}

}  // namespace rurume
