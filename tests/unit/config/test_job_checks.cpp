#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "config/job_checks.hpp"
#include "config/job_loader.hpp"

using gleaner::config::find_unreachable_parts;
using gleaner::config::parse_job;

namespace {

using Lines = std::vector<std::string>;

// "/pointer: message" for each warning about a valid job made of `members`
// (a JSON fragment) plus a name.
Lines warnings_of(std::string_view members) {
  const std::string text = R"({"name": "shop", )" + std::string(members) + "}";
  auto job = parse_job(text, "shop.json");
  REQUIRE_MESSAGE(job, (job ? "" : job.error().message));
  Lines lines;
  for (const auto& warning : find_unreachable_parts(*job)) {
    lines.push_back(warning.where.display() + ": " + warning.message);
  }
  return lines;
}

constexpr std::string_view product_item =
    R"("items": [{"name": "product", "url_pattern": "/p/\\d+$", "fields": {"title": "h1"}}])";

std::string with_product(std::string_view members) { return std::string(members) + ", " + std::string(product_item); }

}  // namespace

TEST_CASE("an item rule no start URL matches is unreachable when no link is followed") {
  CHECK(warnings_of(with_product(R"("start_urls": ["https://shop.test/"])")) ==
        Lines{"/items/0/url_pattern: no start URL matches and no link is followed (no follow rules, no sitemaps), "
              "so this item rule never applies"});
  CHECK(warnings_of(with_product(R"("start_urls": ["https://shop.test/"], "follow": ["a"], "max_depth": 0)")) ==
        Lines{"/follow: no link is followed (max_depth is 0), so these rules are never used",
              "/items/0/url_pattern: no start URL matches and no link is followed (max_depth is 0), "
              "so this item rule never applies"});
}

TEST_CASE("an item rule is reachable through a start URL, followed links or sitemaps") {
  SUBCASE("a start URL matches") {
    CHECK(warnings_of(with_product(R"("start_urls": ["https://shop.test/", "https://shop.test/p/12"])")).empty());
  }
  SUBCASE("links are followed") {
    CHECK(warnings_of(with_product(R"("start_urls": ["https://shop.test/"], "follow": ["a"])")).empty());
  }
  SUBCASE("sitemaps list pages") {
    CHECK(warnings_of(with_product(R"("sitemaps": ["https://shop.test/sitemap.xml"])")).empty());
    CHECK(warnings_of(with_product(R"("start_urls": ["https://shop.test/"], "sitemaps_from_robots": true)")).empty());
  }
  SUBCASE("a rule without url_pattern applies to the start URLs themselves") {
    CHECK(warnings_of(R"("start_urls": ["https://shop.test/"], "items": [{"name": "page", "fields": {"t": "h1"}}])")
              .empty());
  }
}

TEST_CASE("start URLs are matched in their canonical form, as the crawl requests them") {
  // Url::parse lower-cases the host and drops the fragment and the default port.
  CHECK(warnings_of(R"("start_urls": ["HTTPS://Shop.Test:443/p/12#top"],
                       "items": [{"name": "p", "url_pattern": "^https://shop\\.test/p/12$", "fields": {"t": "h1"}}])")
            .empty());
}

TEST_CASE("no warning when the query rules may change a start URL in ways not known here") {
  const std::string item = R"("items": [{"name": "p", "url_pattern": "\\?id=7$", "fields": {"t": "h1"}}])";
  // utm_* is stripped by default; whether "?id=7&utm_x=1" ends in "?id=7" is the crawl's business.
  CHECK(warnings_of(R"("start_urls": ["https://shop.test/?id=7&utm_x=1"], )" + item).empty());
  CHECK(warnings_of(R"("start_urls": ["https://shop.test/?utm_x=1"], )" + item).empty());
  // Without query rules the URL is requested as written, so the check is sure again.
  CHECK(warnings_of(R"("start_urls": ["https://shop.test/?utm_x=1"], "links": {"strip_query_params": []}, )" + item)
            .size() == 1);
}

TEST_CASE("follow rules and sitemaps are never used when max_depth is 0") {
  CHECK(warnings_of(R"("start_urls": ["https://shop.test/"], "follow": ["a.next"], "max_depth": 0)") ==
        Lines{"/follow: no link is followed (max_depth is 0), so these rules are never used"});
  CHECK(warnings_of(R"("sitemaps": ["https://shop.test/sitemap.xml"], "max_depth": 0)") ==
        Lines{"/sitemaps: no page a sitemap lists is fetched: they are at depth 1 and max_depth is 0"});
  CHECK(warnings_of(R"("start_urls": ["https://shop.test/"], "sitemaps_from_robots": true, "max_depth": 0)") ==
        Lines{"/sitemaps_from_robots: no page a sitemap lists is fetched: they are at depth 1 and max_depth is 0"});
  CHECK(warnings_of(R"("start_urls": ["https://shop.test/"], "follow": [], "max_depth": 0)").empty());
  CHECK(warnings_of(R"("start_urls": ["https://shop.test/"], "follow": ["a"], "max_depth": 1)").empty());
}

TEST_CASE("links.allow and links.deny are never used when no link is followed, start URLs being exempt") {
  CHECK(warnings_of(R"("start_urls": ["https://shop.test/"], "links": {"allow": ["/p/"], "deny": ["/a/"]})") ==
        Lines{"/links/allow: no link is followed (no follow rules, no sitemaps) and start URLs are exempt, "
              "so these patterns are never used",
              "/links/deny: no link is followed (no follow rules, no sitemaps) and start URLs are exempt, "
              "so these patterns are never used"});
  CHECK(warnings_of(R"("start_urls": ["https://shop.test/"], "follow": ["a"], "links": {"allow": ["/p/"]})").empty());
  CHECK(warnings_of(R"("start_urls": ["https://shop.test/"], "links": {"allow": [], "deny": []})").empty());
}

TEST_CASE("an item rule whose every URL a plain-text deny pattern refuses never applies") {
  const std::string links = R"("start_urls": ["https://shop.test/"], "follow": ["a"], )";
  CHECK(warnings_of(links + R"("links": {"deny": ["/cart", "/private/"]},
      "items": [{"name": "order", "url_pattern": "^https://shop\\.test/private/orders/", "fields": {"t": "h1"}}])") ==
        Lines{"/items/0/url_pattern: every URL it matches contains \"/private/\", which /links/deny/1 refuses, "
              "and no start URL matches, so this item rule never applies"});
  // Escaped punctuation is plain text too: "\.pdf" refuses every URL holding ".pdf".
  CHECK(warnings_of(links + R"("links": {"deny": ["\\.pdf"]},
      "items": [{"name": "doc", "url_pattern": "/files/report\\.pdf$", "fields": {"t": "h1"}}])")
            .size() == 1);
}

TEST_CASE("a deny pattern is only taken to cover an item rule when that is certain") {
  const std::string links = R"("start_urls": ["https://shop.test/"], "follow": ["a"], )";
  auto item = [](std::string_view pattern) {
    return R"(, "items": [{"name": "i", "url_pattern": ")" + std::string(pattern) + R"(", "fields": {"t": "h1"}}])";
  };
  // The item pattern is not plain text: "/private/" is one way of matching it, not the only one.
  CHECK(warnings_of(links + R"("links": {"deny": ["/private/"]})" + item("/(private|public)/")).empty());
  CHECK(warnings_of(links + R"("links": {"deny": ["/private/"]})" + item("/private/?x")).empty());
  // The deny pattern is anchored: a URL may hold "/private/" elsewhere than at the start.
  CHECK(warnings_of(links + R"("links": {"deny": ["^/private/"]})" + item("/private/orders")).empty());
  // Case matters to RE2 by default.
  CHECK(warnings_of(links + R"("links": {"deny": ["/Private/"]})" + item("/private/orders")).empty());
  // The item pattern does not contain the denied text.
  CHECK(warnings_of(links + R"("links": {"deny": ["/private/"]})" + item("/orders")).empty());
  // A start URL matches, and start URLs are exempt from deny.
  CHECK(warnings_of(R"("start_urls": ["https://shop.test/private/orders"], "follow": ["a"],
                       "links": {"deny": ["/private/"]})" + item("/private/orders")).empty());
}

TEST_CASE("check_job_text prints warnings in file order with line and column, and keeps the job") {
  const std::string text = R"({
  "name": "shop",
  "start_urls": ["https://shop.test/"],
  "items": [{"name": "p", "url_pattern": "/p/", "fields": {"t": "h1"}}],
  // Only the start URL is fetched.
  "max_depth": 0,
  "follow": ["a"]
})";
  const auto check = gleaner::config::check_job_text(text, "shop.json");
  CHECK(check.valid());
  REQUIRE(check.job);
  CHECK(check.job->name == "shop");
  CHECK(check.job->source_path == "shop.json");
  CHECK(check.warnings ==
        Lines{"shop.json:4:42: warning: /items/0/url_pattern: no start URL matches and no link is followed "
              "(max_depth is 0), so this item rule never applies",
              "shop.json:7:13: warning: /follow: no link is followed (max_depth is 0), so these rules are never used"});
}

TEST_CASE("emit and recrawl_after in a job without a state file are reported as having no effect") {
  const std::string no_effect =
      R"(has no effect unless the run has a state file ("state" in the job, or gleaner run --state))";
  CHECK(warnings_of(R"("start_urls": ["https://shop.test/"], "emit": "changed", "recrawl_after": "7d")") ==
        Lines{"/emit: " + no_effect, "/recrawl_after: " + no_effect});
  SUBCASE("with a state file they take effect") {
    CHECK(warnings_of(R"("start_urls": ["https://shop.test/"], "state": "state/{job}.db", "emit": "changed",
                         "recrawl_after": "7d")")
              .empty());
  }
  SUBCASE("their defaults, written out, ask for nothing a missing state file takes away") {
    CHECK(warnings_of(R"("start_urls": ["https://shop.test/"], "emit": "all", "recrawl_after": 0)").empty());
  }
  SUBCASE("max_runtime works with or without a state file") {
    CHECK(warnings_of(R"("start_urls": ["https://shop.test/"], "max_runtime": "2h")").empty());
  }
}
