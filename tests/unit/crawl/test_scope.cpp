#include <doctest/doctest.h>

#include "crawl/registrable_domain.hpp"
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

TEST_CASE("registrable domains come from the Public Suffix List") {
  struct Row {
    const char* host;
    const char* expected;  // nullptr: none
  };
  const Row rows[] = {
      {"www.shop.co.uk", "shop.co.uk"},        // ICANN suffix of two labels
      {"shop.co.uk", "shop.co.uk"},
      {"a.b.example.com", "example.com"},
      {"alice.github.io", "alice.github.io"},  // github.io is a private suffix
      {"www.alice.github.io", "alice.github.io"},
      {"co.uk", nullptr},                      // a public suffix has none
      {"github.io", nullptr},
      {"localhost", nullptr},
      {"intranet", nullptr},
      {"127.0.0.1", nullptr},                  // libpsl alone would say "0.1"
      {"[::1]", nullptr},
  };
  for (const Row& row : rows) {
    CAPTURE(row.host);
    const auto domain = crawl::registrable_domain(row.host);
    if (row.expected == nullptr) {
      CHECK_FALSE(domain);
    } else {
      REQUIRE(domain);
      CHECK(*domain == row.expected);
    }
  }
}

TEST_CASE("without allowed_domains a start URL's registrable domain and its subdomains are the scope") {
  struct Row {
    const char* start;
    const char* link;
    OutOfScope expected;
  };
  const Row rows[] = {
      {"http://www.shop.co.uk/", "http://shop.co.uk/a", OutOfScope::none},
      {"http://www.shop.co.uk/", "https://img.shop.co.uk/a.png", OutOfScope::none},
      {"http://www.shop.co.uk/", "http://WWW.Shop.CO.UK:8080/", OutOfScope::none},
      {"http://www.shop.co.uk/", "http://other.co.uk/", OutOfScope::domain},
      {"http://www.shop.co.uk/", "http://co.uk/", OutOfScope::domain},
      {"http://www.shop.co.uk/", "http://myshop.co.uk/", OutOfScope::domain},
      {"http://www.shop.co.uk/", "ftp://www.shop.co.uk/", OutOfScope::scheme},
      // Private suffixes: each github.io site is a site of its own.
      {"https://alice.github.io/blog/", "https://alice.github.io/about", OutOfScope::none},
      {"https://alice.github.io/blog/", "https://docs.alice.github.io/", OutOfScope::none},
      {"https://alice.github.io/blog/", "https://bob.github.io/", OutOfScope::domain},
      {"https://alice.github.io/blog/", "https://github.io/", OutOfScope::domain},
      // A start host that is a public suffix matches only itself.
      {"https://github.io/", "https://alice.github.io/", OutOfScope::domain},
      {"https://github.io/", "https://github.io/x", OutOfScope::none},
      // IP addresses and localhost match exactly, whatever the port.
      {"http://127.0.0.1:8000/", "http://127.0.0.1:9000/x", OutOfScope::none},
      {"http://127.0.0.1:8000/", "http://127.0.0.2/", OutOfScope::domain},
      {"http://127.0.0.1:8000/", "http://0.1/", OutOfScope::domain},
      {"http://[::1]:8000/", "http://[::1]/x", OutOfScope::none},
      {"http://[::1]:8000/", "http://[::2]/x", OutOfScope::domain},
      {"http://localhost:8000/", "http://localhost/x", OutOfScope::none},
      {"http://localhost:8000/", "http://app.localhost/x", OutOfScope::domain},
      // Hosts under reserved test TLDs still get their registrable domain.
      {"http://books.test/", "http://cdn.books.test/", OutOfScope::none},
      {"http://books.test/", "http://films.test/", OutOfScope::domain},
  };
  for (const Row& row : rows) {
    CAPTURE(row.start);
    CAPTURE(row.link);
    Scope scope({}, {url(row.start)});
    CHECK(scope.check(url(row.link)) == row.expected);
  }
}

TEST_CASE("several start URLs each widen the default scope") {
  Scope scope({}, {url("http://www.shop.co.uk/"), url("http://127.0.0.1:8000/")});
  CHECK(scope.check(url("http://img.shop.co.uk/")) == OutOfScope::none);
  CHECK(scope.check(url("http://127.0.0.1/")) == OutOfScope::none);
  CHECK(scope.check(url("http://other.co.uk/")) == OutOfScope::domain);
}

TEST_CASE("allowed_domains entries match themselves and their subdomains, not their registrable domain") {
  Scope scope({"img.shop.co.uk"}, {url("http://www.shop.co.uk/")});
  CHECK(scope.check(url("http://img.shop.co.uk/")) == OutOfScope::none);
  CHECK(scope.check(url("http://a.img.shop.co.uk/")) == OutOfScope::none);
  CHECK(scope.check(url("http://www.shop.co.uk/")) == OutOfScope::domain);
  CHECK(scope.check(url("http://shop.co.uk/")) == OutOfScope::domain);
}

TEST_CASE("IP addresses are told apart from host names") {
  CHECK(crawl::is_ip_address("127.0.0.1"));
  CHECK(crawl::is_ip_address("[::1]"));
  CHECK(crawl::is_ip_address("[fe80::1%25eth0]"));
  CHECK_FALSE(crawl::is_ip_address("1.2.3.example"));
  CHECK_FALSE(crawl::is_ip_address("localhost"));
  CHECK_FALSE(crawl::is_ip_address("[shop.test]"));
}
