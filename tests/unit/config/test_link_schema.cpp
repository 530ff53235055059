#include <doctest/doctest.h>
#include <re2/re2.h>

#include <string>
#include <string_view>
#include <vector>

#include "config/job_loader.hpp"

using gleaner::config::CrawlOrder;
using gleaner::config::parse_job;

namespace {

constexpr const char* source = "config/books.json";

std::string job_with_links(std::string_view links) {
  return R"({"name": "books", "start_urls": ["http://books.test/"], "links": )" + std::string(links) + "}";
}

std::string error_of(std::string_view links) {
  auto job = parse_job(job_with_links(links), source);
  REQUIRE_FALSE(job);
  return job.error().message;
}

}  // namespace

TEST_CASE("a job without \"links\" gets the documented link defaults") {
  auto job = parse_job(R"({"name": "books", "start_urls": ["http://books.test/"]})", source);
  REQUIRE(job);
  CHECK(job->links.allow.empty());
  CHECK(job->links.deny.empty());
  CHECK(job->links.max_url_length == 2048);
  CHECK(job->links.max_pages_per_host == 0);
  CHECK(job->links.strip_query_params == std::vector<std::string>{"utm_*"});
  CHECK_FALSE(job->links.sort_query);
  CHECK(job->links.order == CrawlOrder::breadth_first);
  CHECK(job->links.trap_guard);
}

TEST_CASE("every \"links\" key is read") {
  auto job = parse_job(job_with_links(R"({
      "allow": ["/catalogue/", "/p/\\d+"],
      "deny": ["[?&]sort="],
      "max_url_length": 300,
      "max_pages_per_host": 50,
      "strip_query_params": ["sessionid", "ref?", "utm_*"],
      "sort_query": true,
      "order": "depth_first",
      "priority": [{"pattern": "/p/", "priority": 5}, {"pattern": "/archive/", "priority": -1}],
      "trap_guard": false
    })"), source);
  REQUIRE_MESSAGE(job, (job ? "" : job.error().message));
  REQUIRE(job->links.allow.size() == 2);
  CHECK(job->links.allow[1]->pattern() == "/p/\\d+");
  REQUIRE(job->links.deny.size() == 1);
  CHECK(job->links.deny[0]->pattern() == "[?&]sort=");
  CHECK(job->links.max_url_length == 300);
  CHECK(job->links.max_pages_per_host == 50);
  CHECK(job->links.strip_query_params == std::vector<std::string>{"sessionid", "ref?", "utm_*"});
  CHECK(job->links.sort_query);
  CHECK(job->links.order == CrawlOrder::depth_first);
  REQUIRE(job->links.priority.size() == 2);
  CHECK(job->links.priority[0].pattern->pattern() == "/p/");
  CHECK(job->links.priority[0].priority == 5);
  CHECK(job->links.priority[1].priority == -1);
  CHECK_FALSE(job->links.trap_guard);
}

TEST_CASE("an empty strip_query_params keeps every query parameter") {
  auto job = parse_job(job_with_links(R"({"strip_query_params": []})"), source);
  REQUIRE(job);
  CHECK(job->links.strip_query_params.empty());
}

TEST_CASE("a bad \"links\" section names the key and what was expected") {
  struct Row {
    std::string links;
    std::string message;
  };
  const std::vector<Row> rows = {
      {R"(["/a/"])", R"(config/books.json: /links: expected an object, found ["/a/"])"},
      {R"({"alow": []})", R"(config/books.json: /links/alow: unknown key (did you mean "allow"?))"},
      {R"({"trapguard": true})", R"(config/books.json: /links/trapguard: unknown key (did you mean "trap_guard"?))"},
      {R"({"max_pages": 3})", R"(config/books.json: /links/max_pages: unknown key)"},  // a top-level key
      {R"({"allow": "/a/"})",
       R"(config/books.json: /links/allow: expected an array of regular expression strings (RE2 syntax), found "/a/")"},
      {R"({"deny": [7]})",
       R"(config/books.json: /links/deny/0: expected a regular expression string (RE2 syntax), found 7)"},
      {R"({"deny": ["ok", "(unclosed"]})",
       R"(config/books.json: /links/deny/1: invalid regular expression "(unclosed": missing ) at column 1)"},
      {R"({"max_url_length": -1})", R"(config/books.json: /links/max_url_length: expected an integer >= 0, found -1)"},
      {R"({"max_url_length": "2048"})",
       R"(config/books.json: /links/max_url_length: expected an integer >= 0, found "2048")"},
      {R"({"max_pages_per_host": 1.5})",
       R"(config/books.json: /links/max_pages_per_host: expected an integer >= 0, found 1.5)"},
      {R"({"strip_query_params": "utm_*"})",
       R"(config/books.json: /links/strip_query_params: expected an array of query parameter names, found "utm_*")"},
      {R"({"strip_query_params": ["utm_*", ""]})",
       R"(config/books.json: /links/strip_query_params/1: expected a query parameter name or glob such as "utm_*", found "")"},
      {R"({"strip_query_params": ["a=1"]})",
       R"(config/books.json: /links/strip_query_params/0: expected a query parameter name or glob such as "utm_*", found "a=1")"},
      {R"({"sort_query": "yes"})", R"(config/books.json: /links/sort_query: expected true or false, found "yes")"},
      {R"({"order": "dfs"})",
       R"(config/books.json: /links/order: expected "breadth_first" or "depth_first", found "dfs")"},
      {R"({"order": 1})", R"(config/books.json: /links/order: expected "breadth_first" or "depth_first", found 1)"},
      {R"({"trap_guard": 0})", R"(config/books.json: /links/trap_guard: expected true or false, found 0)"},
      {R"({"priority": {"pattern": "/p/", "priority": 1}})",
       R"(config/books.json: /links/priority: expected an array of {"pattern", "priority"} objects, found {"pattern":"/p/","priority":1})"},
      {R"({"priority": [{"pattern": "/p/"}]})", R"(config/books.json: /links/priority/0: missing required key "priority")"},
      {R"({"priority": [{"pattern": "(", "priority": 1}]})",
       R"(config/books.json: /links/priority/0/pattern: invalid regular expression "(": missing ) at column 1)"},
      {R"({"priority": [{"pattern": "/p/", "priority": 1001}]})",
       R"(config/books.json: /links/priority/0/priority: expected an integer from -1000 to 1000, found 1001)"},
      {R"({"priority": [{"pattern": "/p/", "priority": 1, "weight": 2}]})",
       R"(config/books.json: /links/priority/0/weight: unknown key)"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.links);
    CHECK(error_of(row.links) == row.message);
  }
}
