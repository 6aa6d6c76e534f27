// bare_parse FILE: the floor for loading an export. Parses FILE with
// YAML::Parser and an event handler that only counts events, reading the file
// the way the real loader does: the whole file into one std::string, then a
// std::istream over that buffer (no second copy). Prints the event count.
//
//   g++ -O2 -std=c++17 bare_parse.cc -lyaml-cpp -o bare_parse

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <cstdio>
#include <fstream>
#include <istream>
#include <streambuf>
#include <string>

namespace {

// A read-only streambuf over memory the caller owns.
class MemoryBuf : public std::streambuf {
 public:
  MemoryBuf(const char* data, std::size_t size) {
    char* p = const_cast<char*>(data);  // never written through: no overflow/pbackfail
    setg(p, p, p + size);
  }
};

// Counts events; adds up scalar sizes so the values are observably used.
class CountingHandler : public YAML::EventHandler {
 public:
  unsigned long long events = 0;
  unsigned long long scalar_bytes = 0;

  void OnDocumentStart(const YAML::Mark&) override { ++events; }
  void OnDocumentEnd() override { ++events; }
  void OnNull(const YAML::Mark&, YAML::anchor_t) override { ++events; }
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override { ++events; }
  void OnScalar(const YAML::Mark&, const std::string& tag, YAML::anchor_t,
                const std::string& value) override {
    ++events;
    scalar_bytes += value.size() + tag.size();
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override { ++events; }
  void OnSequenceEnd() override { ++events; }
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override { ++events; }
  void OnMapEnd() override { ++events; }
};

bool ReadFile(const char* path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size < 0) return false;
  in.seekg(0, std::ios::beg);
  out->resize(static_cast<std::size_t>(size));
  return static_cast<bool>(in.read(&(*out)[0], size));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE...\n", argv[0]);
    return 2;
  }
  // Several files (a split export): one after the other, in one process, each read whole and parsed, as a
  // sequential loader would.
  CountingHandler handler;
  for (int f = 1; f < argc; ++f) {
    std::string text;
    if (!ReadFile(argv[f], &text)) {
      std::fprintf(stderr, "%s: cannot read\n", argv[f]);
      return 2;
    }
    MemoryBuf buf(text.data(), text.size());
    std::istream in(&buf);
    try {
      YAML::Parser parser(in);
      while (parser.HandleNextDocument(handler)) {
      }
    } catch (const YAML::Exception& e) {
      std::fprintf(stderr, "%s: %s\n", argv[f], e.what());
      return 1;
    }
  }
  std::printf("%llu events, %llu scalar bytes\n", handler.events, handler.scalar_bytes);
  return 0;
}
