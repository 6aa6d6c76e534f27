// The standard function families. Each Register call adds one family's
// overloads to an Env; RegisterStandardLibrary (env.h) calls them all.
#pragma once

#include "expr/env.h"

#include <string>
#include <string_view>

namespace rurume::expr {

void RegisterArithmetic(Env& env);   // + - * / % and unary - on int, uint, double
void RegisterLogic(Env& env);        // !
void RegisterComparisons(Env& env);  // == != < <= > >= on numbers, strings, bytes, bools
void RegisterLists(Env& env);        // size, in, + on lists and maps
void RegisterStrings(Env& env);      // size, +, contains, startsWith, endsWith, matches, lowerAscii, upperAscii
void RegisterConversions(Env& env);  // int uint double string bytes bool dyn type
void RegisterTime(Env& env);         // timestamp, duration: construction, arithmetic, accessors
void RegisterDates(Env& env);        // date: date(string), string(date), comparisons

/// Why `pattern` is not a valid RE2 regular expression (the error value of
/// matches()), or empty when it is. The checker reports a literal pattern.
std::string RegexError(std::string_view pattern);

}  // namespace rurume::expr
