// libFuzzer target for the loader: any bytes, as one export file, must load
// or give diagnostics, never crash, hang or leak. Run by hand (see README in
// this folder); not part of the test suite.
#include "load/loader.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  rurume::Export ex;
  rurume::Diagnostics diags;
  rurume::Loader loader(ex, diags);
  loader.AddBuffer("fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size));
  loader.Finish();
  return 0;
}
