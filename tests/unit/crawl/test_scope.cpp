#include <doctest/doctest.h>

#include "crawl/scope.hpp"

using namespace gleaner;
using crawl::OutOfScope;
using crawl::Scope;

namespace {
Url url(const char* text) { return *Url::parse(text); }
}  // namespace

TEST_CASE("without allowed_domains the start URLs' hosts are the scope") {
  Scope scope({}, {url("http://127.0.0.1:8000/index.html")});
  CHECK(scope.check(url("http://127.0.0.1:8000/x")) == OutOfScope::none);
  CHECK(scope.check(url("http://127.0.0.1:9999/x")) == OutOfScope::none);  // ports do not matter
  CHECK(scope.check(url("http://example.com/")) == OutOfScope::domain);
}

TEST_CASE("an allowed domain admits itself and its subdomains, not lookalikes") {
  Scope scope({"Shop.Test"}, {});
  CHECK(scope.check(url("http://shop.test/")) == OutOfScope::none);
  CHECK(scope.check(url("https://www.shop.test/")) == OutOfScope::none);
  CHECK(scope.check(url("http://myshop.test/")) == OutOfScope::domain);
  CHECK(scope.check(url("http://shop.test.evil/")) == OutOfScope::domain);
}

TEST_CASE("only http and https are in scope") {
  Scope scope({"shop.test"}, {});
  CHECK(scope.check(url("ftp://shop.test/")) == OutOfScope::scheme);
}
