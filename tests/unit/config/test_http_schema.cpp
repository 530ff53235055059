#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "config/job_loader.hpp"
#include "support/temp_dir.hpp"

using gleaner::config::parse_job;

namespace {

constexpr const char* source = "config/books.json";

std::string job_with(std::string_view key, std::string_view value) {
  return R"({"name": "books", "start_urls": ["http://books.test/"], ")" + std::string(key) + R"(": )" +
         std::string(value) + "}";
}

std::string error_of(std::string_view key, std::string_view value) {
  auto job = parse_job(job_with(key, value), source);
  REQUIRE_FALSE(job);
  return job.error().message;
}

}  // namespace

TEST_CASE("a job without http headers, cookies, proxy or download settings gets the documented defaults") {
  auto job = parse_job(R"({"name": "books", "start_urls": ["http://books.test/"]})", source);
  REQUIRE(job);
  CHECK(job->http.headers.empty());
  CHECK(job->http.cookies);
  CHECK(job->http.cookie_file.empty());
  CHECK(job->http.proxy.empty());
  CHECK(job->http.verify_tls);
  CHECK(job->http.low_speed_limit == 100);
  CHECK(job->http.low_speed_time_seconds == 15);
  CHECK(job->download.content_types.empty());
  CHECK(job->download.dir == "out/{job}-files");
}

TEST_CASE("every new http key and the download section are read") {
  gleaner::testing::TempDir dir;
  const std::string cookie_file = (dir.path / "cookies.txt").string();
  std::ofstream(cookie_file) << "# Netscape HTTP Cookie File\n";
  auto job = parse_job(job_with("http", R"({
      "headers": {"Authorization": "Bearer t", "X-Empty": "", "Accept-Language": "en"},
      "cookies": ")" + cookie_file + R"(",
      "proxy": "socks5h://proxy.test:1080",
      "verify_tls": false,
      "low_speed_limit": 10,
      "low_speed_time": 2.5
    }, "download": {"content_types": ["application/PDF", "image/*"], "dir": "files/{job}"})"),
                       source);
  REQUIRE_MESSAGE(job, (job ? "" : job.error().message));
  using Header = std::pair<std::string, std::string>;
  CHECK(job->http.headers ==
        std::vector<Header>{{"Authorization", "Bearer t"}, {"X-Empty", ""}, {"Accept-Language", "en"}});
  CHECK(job->http.cookies);
  CHECK(job->http.cookie_file == cookie_file);
  CHECK(job->http.proxy == "socks5h://proxy.test:1080");
  CHECK_FALSE(job->http.verify_tls);
  CHECK(job->http.low_speed_limit == 10);
  CHECK(job->http.low_speed_time_seconds == 2.5);
  CHECK(job->download.content_types == std::vector<std::string>{"application/pdf", "image/*"});
  CHECK(job->download.dir == "files/{job}");

  auto no_cookies = parse_job(job_with("http", R"({"cookies": false})"), source);
  REQUIRE(no_cookies);
  CHECK_FALSE(no_cookies->http.cookies);
}

TEST_CASE("bad http and download settings name the key and what was expected") {
  struct Row {
    std::string key;
    std::string value;
    std::string message;
  };
  const std::vector<Row> rows = {
      {"http", R"({"headers": ["X-A: 1"]})",
       R"(config/books.json: /http/headers: expected an object of header names to string values, found ["X-A: 1"])"},
      {"http", R"({"headers": {"X A": "1"}})",
       R"(config/books.json: /http/headers/X A: "X A" is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only))"},
      {"http", R"({"headers": {"User-Agent": "me"}})",
       R"(config/books.json: /http/headers/User-Agent: the User-Agent header cannot be set here: set http.user_agent instead)"},
      {"http", R"({"headers": {"host": "x.test"}})",
       R"(config/books.json: /http/headers/host: the host header cannot be set here: gleaner sets it for each request)"},
      {"http", R"({"headers": {"X-A": 1}})",
       R"(config/books.json: /http/headers/X-A: expected a header value string, found 1)"},
      {"http", R"({"headers": {"X-A": "1\r\nX-Injected: 2"}})",
       R"(config/books.json: /http/headers/X-A: expected a header value without line breaks or NUL, found "1\r\nX-Injected: 2")"},
      {"http", R"({"cookies": "/no/such/cookies.txt"})",
       R"(config/books.json: /http/cookies: cannot read the cookie file "/no/such/cookies.txt")"},
      {"http", R"({"cookies": 1})",
       R"(config/books.json: /http/cookies: expected true, false or the path of a cookies.txt file, found 1)"},
      {"http", R"({"proxy": "proxy.test:3128"})",
       R"(config/books.json: /http/proxy: expected a proxy URL such as "http://proxy.example:3128" (http, https, socks4, socks4a, socks5 or socks5h), found "proxy.test:3128")"},
      {"http", R"({"proxy": "ftp://proxy.test"})",
       R"(config/books.json: /http/proxy: expected a proxy URL such as "http://proxy.example:3128" (http, https, socks4, socks4a, socks5 or socks5h), found "ftp://proxy.test")"},
      {"http", R"({"verify_tls": "no"})", R"(config/books.json: /http/verify_tls: expected true or false, found "no")"},
      {"http", R"({"low_speed_limit": 0})",
       R"(config/books.json: /http/low_speed_limit: expected an integer from 1 to 1073741824, found 0)"},
      {"http", R"({"low_speed_time": -1})",
       R"(config/books.json: /http/low_speed_time: expected a number of seconds from 0 to 86400, found -1)"},
      {"http", R"({"verifytls": true})", R"(config/books.json: /http/verifytls: unknown key (did you mean "verify_tls"?))"},
      {"download", R"({"dir": "files"})", R"(config/books.json: /download: missing required key "content_types")"},
      {"download", R"({"content_types": ["pdf"]})",
       R"(config/books.json: /download/content_types/0: expected a media type such as "application/pdf" or "image/*", found "pdf")"},
      {"download", R"({"content_types": "application/pdf"})",
       R"(config/books.json: /download/content_types: expected an array of media types such as "application/pdf" or "image/*", found "application/pdf")"},
      {"download", R"({"content_types": [], "dir": ""})",
       R"(config/books.json: /download/dir: expected a non-empty directory path, found "")"},
  };
  for (const Row& row : rows) {
    CAPTURE(row.value);
    CHECK(error_of(row.key, row.value) == row.message);
  }
}
