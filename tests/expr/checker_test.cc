#include "expr/program.h"
#include "fake_object.h"

#include <doctest/doctest.h>

namespace rurume::expr {
namespace {

using testing::FakeType;

struct Fixture {
  FakeType device{"device", {{"screen_lock", Type::Bool()}, {"apps", Type::ListOf(Type::String())},
                             {"retired_on", Type::Date()}}};
  Env env;
  Fixture() {
    env.DeclareVariable("device", Type::ObjectOf(&device));
    env.DeclareVariable("devices", Type::ListOf(Type::ObjectOf(&device)));
    env.DeclareVariable("n", Type::Int());
    env.DeclareVariable("d", Type::Dyn());
    env.DeclareVariable("tags", Type::MapOf(Type::String(), Type::String()));
  }

  TypePtr TypeOf(std::string_view source) {
    CompileResult r = Compile(env, source);
    INFO(source);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.errors[0].message));
    return r.program->result_type();
  }

  std::vector<CompileError> Errors(std::string_view source) {
    CompileResult r = Compile(env, source);
    INFO(source);
    CHECK(!r.ok());
    return r.errors;
  }

  CompileError Error(std::string_view source) {
    auto errors = Errors(source);
    REQUIRE(errors.size() == 1);
    return errors[0];
  }
};

TEST_CASE_FIXTURE(Fixture, "expr checker: result types") {
  CHECK(TypeOf("device.screen_lock")->ToString() == "bool");
  CHECK(TypeOf("device.apps")->ToString() == "list(string)");
  CHECK(TypeOf("device.apps.map(a, size(a))")->ToString() == "list(int)");
  CHECK(TypeOf("devices.filter(x, x.screen_lock)")->ToString() == "list(device)");
  CHECK(TypeOf("size(device.apps) + n")->ToString() == "int");
  CHECK(TypeOf("tags.owner")->ToString() == "string");
  CHECK(TypeOf("tags['owner']")->ToString() == "string");
  CHECK(TypeOf("[1, 'a']")->ToString() == "list(dyn)");
  CHECK(TypeOf("{'a': 1}")->ToString() == "map(string, int)");
  CHECK(TypeOf("d.anything.goes")->ToString() == "dyn");  // gradual typing
  CHECK(TypeOf("d + 1")->ToString() == "int");            // only int + int fits
  CHECK(TypeOf("device.retired_on < date('2026-01-01')")->ToString() == "bool");
  CHECK(TypeOf("type(1) == int")->ToString() == "bool");
  CHECK(TypeOf("1 == 1.0 && 2u < 3")->ToString() == "bool");  // mixed numbers
  CHECK(TypeOf("timestamp('2026-01-01T00:00:00Z') - duration('1h')")->ToString() == "timestamp");
  CHECK(TypeOf("devices.exists(x, x.apps.exists(a, a == 'LINE'))")->ToString() == "bool");
  // Branches that differ only by a nested dyn: the join, dyn where they differ.
  CHECK(TypeOf("true ? {'a': dyn(1)} : {'a': 2}")->ToString() == "map(string, dyn)");
  CHECK(TypeOf("true ? [[1]] : [[dyn(1)]]")->ToString() == "list(list(dyn))");
  CHECK(TypeOf("true ? {dyn('a'): [1]} : {'b': [dyn(2)]}")->ToString() == "map(dyn, list(dyn))");
  CHECK(TypeOf("true ? ['a'] : []")->ToString() == "list(string)");
  CHECK(TypeOf("true ? dyn(1) : 'a'")->ToString() == "dyn");
}

TEST_CASE_FIXTURE(Fixture, "expr checker: errors name the problem at its offset") {
  CompileError e = Error("device.screen_lock && missing");
  CHECK(e.message == "undeclared reference to 'missing'");
  CHECK(e.offset == 22);

  e = Error("device.screenlock");
  CHECK(e.message == "undefined field 'screenlock' of device");
  CHECK(e.offset == 7);

  e = Error("n + 'a'");
  CHECK(e.message == "no matching overload for '+' applied to (int, string)");
  CHECK(e.offset == 2);

  // A literal pattern that RE2 rejects is an error when the rule is checked.
  e = Error("device.apps.exists(a, a.matches('Insta(gram'))");
  CHECK(e.message == "invalid regular expression 'Insta(gram': missing ): Insta(gram");
  CHECK(e.offset == 32);
  e = Error("matches('x', '[a-')");
  CHECK(e.message.find("invalid regular expression '[a-': missing ]") == 0);
  CHECK(e.offset == 13);
  CHECK(TypeOf("matches('x', '^[a-z]+$') && 'x'.matches('(?i)X')")->ToString() == "bool");

  e = Error("size(n, n)");
  CHECK(e.message.find("wrong number of arguments to 'size'") == 0);
  CHECK(e.offset == 0);

  e = Error("'abc'.contains(1)");
  CHECK(e.message == "no matching overload for 'contains' applied to (string, int)");
  CHECK(e.offset == 6);

  e = Error("contains('abc', 'a')");
  CHECK(e.message.find("is a method") != std::string::npos);

  e = Error("frobnicate(1)");
  CHECK(e.message == "undeclared reference to function 'frobnicate'");

  e = Error("n.all(x, true)");
  CHECK(e.message == "all() applies to a list or a map, not int");
  CHECK(e.offset == 2);

  e = Error("device.apps.all(a, a)");
  CHECK(e.message == "the predicate of all() must be bool, not string");
  CHECK(e.offset == 19);

  e = Error("n.field");
  CHECK(e.message == "type 'int' does not support field selection");

  e = Error("has(n)");  // a syntax error, reported the same way
  CHECK(e.message.find("has() requires a field selection") == 0);

  e = Error("n ? 1 : 2");
  CHECK(e.message == "the condition of '?:' must be bool, not int");

  e = Error("true ? 1 : 'a'");
  CHECK(e.message.find("different types") != std::string::npos);
  e = Error("true ? [[1]] : [['a']]");  // no dyn where they differ
  CHECK(e.message == "the branches of '?:' have different types: list(list(int)) and list(list(string))");
  e = Error("true ? {'a': 1} : {1: 1}");
  CHECK(e.message.find("different types") != std::string::npos);

  e = Error("[1] + ['a']");
  CHECK(e.message.find("no matching overload for '+'") == 0);

  e = Error("device.apps['x']");
  CHECK(e.message.find("list index must be an int") != std::string::npos);
  CHECK(e.offset == 12);

  CHECK(Errors("a + b").size() == 2);  // every type error is reported
}

TEST_CASE_FIXTURE(Fixture, "expr checker: comprehension variables shadow and scope") {
  CHECK(TypeOf("devices.all(n, n.screen_lock)")->ToString() == "bool");  // n is the device here
  CHECK(Error("devices.all(x, true) && x").message == "undeclared reference to 'x'");
}

TEST_CASE("expr checker: qualified names resolve to the longest declared prefix") {
  Env env;
  env.DeclareVariable("a.b", Type::MapOf(Type::String(), Type::Int()));
  env.DeclareVariable("a.b.c", Type::String());
  CompileResult r = Compile(env, "a.b.c");
  REQUIRE(r.ok());
  CHECK(r.program->result_type()->ToString() == "string");
  r = Compile(env, "a.b.d");
  REQUIRE(r.ok());
  CHECK(r.program->result_type()->ToString() == "int");
}

TEST_CASE("expr checker: unchecked mode defers errors to run time") {
  Env env;
  CompileOptions options;
  options.check_types = false;
  CompileResult r = Compile(env, "undeclared || true", options);
  REQUIRE(r.ok());
  Activation act(env);
  CHECK(r.program->Eval(act).bool_value());
  r = Compile(env, "nope(1)", options);
  REQUIRE(r.ok());
  CHECK(r.program->Eval(act).is_error());
}

}  // namespace
}  // namespace rurume::expr
