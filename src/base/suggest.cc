#include "base/suggest.h"

#include <cctype>

#include <algorithm>

namespace rurume {

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

namespace {

void AddOnce(std::vector<std::string_view>& out, std::string_view name, size_t limit) {
  if (out.size() < limit && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
}

}  // namespace

std::vector<std::string_view> Suggestions(std::string_view key, const std::vector<std::string_view>& names,
                                          size_t limit) {
  std::vector<std::string_view> out;
  if (key.empty()) return out;
  const size_t close = std::max<size_t>(2, key.size() / 4);
  size_t best = close + 1;
  for (std::string_view n : names) best = std::min(best, EditDistance(key, n));
  if (best <= close) {
    for (std::string_view n : names)
      if (n != key && EditDistance(key, n) == best) AddOnce(out, n, limit);
    if (!out.empty()) return out;
  }
  for (std::string_view n : names)
    if (!n.empty() && n != key && (n.find(key) != std::string_view::npos || key.find(n) != std::string_view::npos))
      AddOnce(out, n, limit);
  if (!out.empty()) return out;
  size_t dash = key.find('-');
  if (dash != std::string_view::npos && dash > 0) {
    std::string_view stem = key.substr(0, dash + 1);
    for (std::string_view n : names)
      if (n.substr(0, stem.size()) == stem) AddOnce(out, n, limit);
  }
  return out;
}

std::string SuggestionHint(std::string_view key, const std::vector<std::string_view>& names) {
  std::vector<std::string_view> found = Suggestions(key, names);
  if (found.empty()) return {};
  std::string out = " (→ ";
  for (size_t i = 0; i < found.size(); ++i) {
    if (i) out += ", ";
    out += found[i];
  }
  return out + "?)";
}

bool SameIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

std::string SuggestionSentence(std::string_view key, const std::vector<std::string_view>& names, bool japanese) {
  std::vector<std::string_view> found;
  for (std::string_view n : names)
    if (SameIgnoringCase(n, key)) found.push_back(n);
  if (found.empty()) {
    // The same suggester over lower-cased names; a hit is mapped back to its
    // name by where it points (Suggestions returns views of its input).
    auto lower = [](std::string_view in) {
      std::string out(in);
      for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return out;
    };
    std::vector<std::string> lowered;
    lowered.reserve(names.size());
    for (std::string_view n : names) lowered.push_back(lower(n));
    std::vector<std::string_view> views(lowered.begin(), lowered.end());
    for (std::string_view hit : Suggestions(lower(key), views))
      for (size_t i = 0; i < views.size(); ++i)
        if (views[i].data() == hit.data()) found.push_back(names[i]);
  }
  if (found.empty()) return {};
  std::string out = japanese ? "もしかして: " : "did you mean: ";
  for (size_t i = 0; i < found.size(); ++i) {
    if (i) out += japanese ? "、" : ", ";
    out += found[i];
  }
  return japanese ? out : out + "?";
}

}  // namespace rurume
