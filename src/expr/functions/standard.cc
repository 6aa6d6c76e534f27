#include "expr/functions/functions.h"

namespace rurume::expr {

void RegisterStandardLibrary(Env& env) {
  RegisterArithmetic(env);
  RegisterLogic(env);
  RegisterComparisons(env);
  RegisterLists(env);
  RegisterStrings(env);
  RegisterConversions(env);
  RegisterTime(env);
  RegisterDates(env);
}

}  // namespace rurume::expr
