#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "crawl/query_rules.hpp"

using namespace gleaner;
using crawl::QueryRules;

TEST_CASE("query parameters are stripped by name or glob, case-insensitively, and optionally sorted") {
  struct Row {
    std::vector<std::string> strip;
    bool sort;
    const char* input;
    const char* expected;
  };
  const std::vector<Row> rows = {
      {{"utm_*"}, false, "http://s.test/p?id=3&utm_source=x&UTM_Medium=y", "http://s.test/p?id=3"},
      {{"utm_*"}, false, "http://s.test/p?utm_source=x", "http://s.test/p"},  // empty query dropped
      {{"utm_*"}, false, "http://s.test/p?utm=1&xutm_a=2", "http://s.test/p?utm=1&xutm_a=2"},  // whole names
      {{"sessionid"}, false, "http://s.test/p?a=1&SessionID=abc&b", "http://s.test/p?a=1&b"},
      {{"sid", "ref?"}, false, "http://s.test/p?sid=1&ref1=2&ref12=3&refx=4", "http://s.test/p?ref12=3"},
      {{"*"}, false, "http://s.test/p?a=1&b=2", "http://s.test/p"},
      {{"a"}, false, "http://s.test/p?a&a=&a=1&b", "http://s.test/p?b"},  // with and without values
      {{}, true, "http://s.test/p?b=2&a=1&c=3", "http://s.test/p?a=1&b=2&c=3"},
      {{}, true, "http://s.test/p?b=2&a=9&a=1", "http://s.test/p?a=9&a=1&b=2"},  // repeated names keep their order
      {{"utm_*"}, true, "http://s.test/p?z=1&utm_x=2&y=3", "http://s.test/p?y=3&z=1"},
      {{}, false, "http://s.test/p?b=2&a=1", "http://s.test/p?b=2&a=1"},  // no rules, no change
      {{"x"}, false, "http://s.test/p", "http://s.test/p"},
      {{"x"}, false, "http://s.test/p?a=1&&b=2", "http://s.test/p?a=1&b=2"},  // empty pieces go
  };
  for (const Row& row : rows) {
    CAPTURE(row.input);
    const QueryRules rules(row.strip, row.sort);
    CHECK(rules.apply(*Url::parse(row.input)).str() == row.expected);
  }
}

TEST_CASE("globs match whole names with '*' and '?'") {
  CHECK(crawl::glob_matches("utm_*", "utm_"));
  CHECK(crawl::glob_matches("utm_*", "UTM_CAMPAIGN"));
  CHECK(crawl::glob_matches("*id", "sessionid"));
  CHECK(crawl::glob_matches("a*b*c", "aXXbYYbZc"));
  CHECK(crawl::glob_matches("?", "x"));
  CHECK_FALSE(crawl::glob_matches("?", ""));
  CHECK_FALSE(crawl::glob_matches("utm_*", "utm"));
  CHECK_FALSE(crawl::glob_matches("a*b", "aXbX"));
  CHECK(crawl::glob_matches("*", ""));
  // Many stars against a long name stay fast (no backtracking blow-up).
  CHECK_FALSE(crawl::glob_matches("*a*a*a*a*a*a*a*b", std::string(5000, 'a')));
}
