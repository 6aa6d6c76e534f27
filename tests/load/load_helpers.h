// Helpers shared by the loader's tests: load in-memory inputs and render the
// diagnostics compactly as "file:line:column:RA1234".
#pragma once

#include "base/diagnostics.h"
#include "load/loader.h"
#include "model/model.h"

#include <fmt/format.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace rurume::testing {

/// "file:line:column:RA1234"
inline std::string Render(const Diagnostic& d) {
  return fmt::format("{}:{}:{}:{}", d.file, d.line, d.column, CodeId(d.code));
}

/// Every diagnostic rendered, in order, separated by single spaces ("" when none).
inline std::string Render(const Diagnostics& diags) {
  std::string out;
  for (const Diagnostic& d : diags.all()) out += (out.empty() ? "" : " ") + Render(d);
  return out;
}

/// One export loaded from buffers (the Loader keeps references to both members).
struct Loaded {
  Export ex;
  Diagnostics diags;

  std::string Diags() const { return Render(diags); }
  size_t Count(Code code) const {
    size_t n = 0;
    for (const Diagnostic& d : diags.all()) n += d.code == code ? 1 : 0;
    return n;
  }
  /// The first diagnostic with `code`, or null.
  const Diagnostic* Find(Code code) const {
    for (const Diagnostic& d : diags.all())
      if (d.code == code) return &d;
    return nullptr;
  }
  /// The English message of the first diagnostic with `code`, or "".
  std::string Message(Code code) const {
    const Diagnostic* d = Find(code);
    return d ? d->Message(Lang::En) : std::string();
  }
};

using Inputs = std::vector<std::pair<std::string, std::string>>;

/// Loads `inputs` (name, bytes) in order with Loader::AddBuffer, then Finish().
inline std::unique_ptr<Loaded> LoadBuffers(const Inputs& inputs, LoadLimits limits = {}) {
  auto r = std::make_unique<Loaded>();
  Loader loader(r->ex, r->diags, limits);
  for (const auto& [name, bytes] : inputs) loader.AddBuffer(name, bytes);
  loader.Finish();
  return r;
}

/// A file that gives `network` and `exported_at` (and nothing to complain about).
inline const char* kNetworkFile =
    "format: rurume-export/1\n"
    "exported_at: 2026-11-24T02:00:00+09:00\n"
    "network: {name: るるめネット}\n";

/// The common case: "net.yaml" (kNetworkFile) then `body` as "t.yaml", so that
/// every diagnostic about `body` is in t.yaml at the line the test wrote.
inline std::unique_ptr<Loaded> LoadOne(const std::string& body, LoadLimits limits = {}) {
  return LoadBuffers({{"net.yaml", kNetworkFile}, {"t.yaml", body}}, limits);
}

/// A raw string literal's text without its first newline, so that
/// Y(R"(\nformat: ...)") has `format` on line 1.
inline std::string Y(const char* text) { return text[0] == '\n' ? text + 1 : text; }

}  // namespace rurume::testing
