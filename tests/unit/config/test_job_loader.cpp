#include <doctest/doctest.h>
#include <re2/re2.h>

#include <string>
#include <string_view>
#include <vector>

#include "config/job_loader.hpp"

using gleaner::ErrorKind;
using gleaner::config::load_job;
using gleaner::config::parse_job;

namespace {

constexpr const char* source = "config/books.json";

// A job with only the required keys, plus `extra` members (a JSON fragment).
std::string minimal_job(std::string_view extra = {}) {
  std::string text = R"({"name": "books", "start_urls": ["http://books.test/"])";
  if (!extra.empty()) text += ", " + std::string(extra);
  return text + "}";
}

std::string error_of(std::string_view text) {
  auto job = parse_job(text, source);
  REQUIRE_FALSE(job);
  return job.error().message;
}

// A job file and the one-line error it must produce.
struct Row {
  std::string json;
  std::string message;
};

void check_rows(const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    CAPTURE(row.json);
    CHECK(error_of(row.json) == row.message);
  }
}

}  // namespace

TEST_CASE("a valid job round-trips into the expected Job, fields in file order") {
  auto job = parse_job(R"json({
    "name": "books-2024_v1.0",
    "start_urls": ["HTTP://Books.Test:80/catalogue/#top", "https://books.test/new"],
    "allowed_domains": ["Books.Test", "127.0.0.1"],
    "follow": ["a.next", "h3 > a"],
    "items": [{
      "name": "book",
      "url_pattern": "/catalogue/[^/]+/index\\.html$",
      "fields": {
        "title": "h1::text",
        "price": {"selector": "p.price_color::text"},
        "authors": {"selector": "ul.authors li::text", "all": true},
        "image": {"selector": "img::attr(src)", "all": false}
      }
    }],
    "concurrency": 4,
    "max_pages": 0,
    "max_depth": 3,
    "output": {"path": "out/books.jsonl"}
  })json", source);
  REQUIRE(job);
  CHECK(job->source_path == source);
  CHECK(job->name == "books-2024_v1.0");
  REQUIRE(job->start_urls.size() == 2);
  CHECK(job->start_urls[0].str() == "http://books.test/catalogue/");
  CHECK(job->start_urls[1].str() == "https://books.test/new");
  CHECK(job->allowed_domains == std::vector<std::string>{"books.test", "127.0.0.1"});
  CHECK(job->follow_texts == std::vector<std::string>{"a.next", "h3 > a"});
  CHECK(job->follow.size() == 2);
  REQUIRE(job->items.size() == 1);
  const auto& item = job->items[0];
  CHECK(item.name == "book");
  CHECK(item.url_pattern_text == "/catalogue/[^/]+/index\\.html$");
  REQUIRE(item.url_pattern);
  CHECK(RE2::PartialMatch("http://books.test/catalogue/a-light_1/index.html", *item.url_pattern));
  CHECK_FALSE(RE2::PartialMatch("http://books.test/catalogue/page-2.html", *item.url_pattern));
  REQUIRE(item.fields.size() == 4);
  // Not alphabetical: the order written in the file.
  CHECK(item.fields[0].name == "title");
  CHECK(item.fields[0].selector_text == "h1::text");
  CHECK_FALSE(item.fields[0].all);
  CHECK(item.fields[1].name == "price");
  CHECK(item.fields[1].selector_text == "p.price_color::text");
  CHECK_FALSE(item.fields[1].all);
  CHECK(item.fields[2].name == "authors");
  CHECK(item.fields[2].all);
  CHECK(item.fields[3].name == "image");
  CHECK(item.fields[3].selector_text == "img::attr(src)");
  CHECK_FALSE(item.fields[3].all);
  for (const auto& field : item.fields) CHECK_FALSE(field.selector.selectors.empty());
  CHECK(job->concurrency == 4);
  CHECK(job->max_pages == 0);
  CHECK(job->max_depth == 3);
  CHECK(job->output.path == "out/books.jsonl");
}

TEST_CASE("a job with only the required keys gets the documented defaults") {
  auto job = parse_job(minimal_job(), source);
  REQUIRE(job);
  CHECK(job->allowed_domains.empty());  // the crawler falls back to the start URLs' hosts
  CHECK(job->follow.empty());
  CHECK(job->follow_texts.empty());
  CHECK(job->items.empty());
  CHECK(job->concurrency == 8);
  CHECK(job->max_pages == 10000);
  CHECK(job->max_depth == 10);
  CHECK(job->max_queued_in_memory == 2000);
  CHECK(job->output.path == "out/{job}.jsonl");
}

TEST_CASE("an item without url_pattern applies to every page") {
  auto job = parse_job(minimal_job(R"("items": [{"name": "page", "fields": {"title": "title"}}])"),
                       source);
  REQUIRE(job);
  const auto& item = job->items.at(0);
  CHECK(item.url_pattern_text.empty());
  REQUIRE(item.url_pattern);
  CHECK(RE2::PartialMatch("http://any.test/at/all?x=1", *item.url_pattern));
}

TEST_CASE("an empty output object keeps the default path") {
  auto job = parse_job(minimal_job(R"("output": {})"), source);
  REQUIRE(job);
  CHECK(job->output.path == "out/{job}.jsonl");
}

TEST_CASE("line and block comments are accepted anywhere whitespace is") {
  auto job = parse_job(R"(// The bookshop demo.
{
  "name": "books",  // used in file names
  /* Several start URLs
     are allowed. */
  "start_urls": [ /* first */ "http://books.test/" ],
  "max_depth": 2 // trailing
}
// end)", source);
  REQUIRE(job);
  CHECK(job->name == "books");
  CHECK(job->max_depth == 2);
}

TEST_CASE("a missing job file is reported with the path and the system's reason") {
  auto job = load_job("config/nope.json");
  REQUIRE_FALSE(job);
  CHECK(job.error().kind == ErrorKind::not_found);
  CHECK(job.error().message == "config/nope.json: cannot read job file: No such file or directory");
}

TEST_CASE("a directory given as the job file is reported, not parsed") {
  auto job = load_job(GLEANER_SOURCE_DIR "/src");
  REQUIRE_FALSE(job);
  CHECK(job.error().kind == ErrorKind::io);
  CHECK(job.error().message == GLEANER_SOURCE_DIR "/src: cannot read job file: Is a directory");
}

TEST_CASE("invalid JSON is reported with line, column, what was expected and what was found") {
  CHECK(error_of("{\n  \"name\": \"books\",\n  \"start_urls\": [] \"max_depth\": 2\n}") ==
        "config/books.json:3:20: invalid JSON: expected ',' or '}' after an object member, "
        "found '\"'");
  check_rows({
      {R"({"name": "books",})",
       "config/books.json:1:18: invalid JSON: expected an object key in double quotes, found '}'"},
      {R"({"name" "books"})",
       "config/books.json:1:9: invalid JSON: expected ':' after an object key, found '\"'"},
      {R"({"follow": ["a" "b"]})",
       "config/books.json:1:17: invalid JSON: expected ',' or ']' after an array element, "
       "found '\"'"},
      {R"({"follow": ["a",]})",
       "config/books.json:1:17: invalid JSON: expected a JSON value, found ']'"},
      {R"({"name": books})",
       "config/books.json:1:10: invalid JSON: expected a JSON value, found 'books'"},
      {R"({"all": tru})",
       "config/books.json:1:9: invalid JSON: expected a JSON value, found 'tru'"},
      {R"({"name": 'books'})",
       "config/books.json:1:10: invalid JSON: expected a JSON value, found ''' "
       "(JSON strings take double quotes)"},
      {R"({"max_depth": 1 2})",
       "config/books.json:1:17: invalid JSON: expected ',' or '}' after an object member, "
       "found '2'"},
      {R"({"max_depth": -})",
       "config/books.json:1:16: invalid JSON: invalid number: expected digit after '-', "
       "found '}'"},
      {"{\"name\": \"bo\\\"oks", "config/books.json:1:10: invalid JSON: unterminated string: "
                                 "missing closing quote"},
      {"{\"name\": \"bo\noks\"}",
       "config/books.json:1:13: invalid JSON: invalid string: control character U+000A (LF) "
       "must be escaped to \\u000A or \\n"},
      {R"({"name": "x"} })",
       "config/books.json:1:15: invalid JSON: expected end of input after the JSON document, "
       "found '}'"},
      {"", "config/books.json:1:1: invalid JSON: expected a JSON value, found end of input"},
      {"{\"name\": \"x\" /* never closed",
       "config/books.json:1:29: invalid JSON: unterminated comment: missing closing '*/'"},
      {"{\"name\": \"x\" / }",
       "config/books.json:1:15: invalid JSON: expected '/' or '*' after '/' to start a "
       "comment, found ' '"},
      {R"({"max_pages": 1e999})",
       "config/books.json:1:15: invalid JSON: number 1e999 is out of range"},
  });
}

TEST_CASE("a syntax error is a parse error and a schema violation an invalid argument") {
  auto syntax = parse_job("{", source);
  REQUIRE_FALSE(syntax);
  CHECK(syntax.error().kind == ErrorKind::parse);
  auto schema = parse_job("{}", source);
  REQUIRE_FALSE(schema);
  CHECK(schema.error().kind == ErrorKind::invalid_argument);
}

TEST_CASE("columns count characters, not bytes, so they match an editor's") {
  CHECK(error_of("{\"name\": \"caf\xC3\xA9\" \"x\"}") ==
        "config/books.json:1:17: invalid JSON: expected ',' or '}' after an object member, "
        "found '\"'");
}

TEST_CASE("a job file that is not an object is reported at the root") {
  CHECK(error_of(R"(["books"])") ==
        R"(config/books.json: /: expected a job object, found ["books"])");
}

TEST_CASE("missing required keys are named") {
  check_rows({
      {R"({"name": "books"})", R"(config/books.json: /: missing required key "start_urls")"},
      {R"({"start_urls": ["http://books.test/"]})",
       R"(config/books.json: /: missing required key "name")"},
      {minimal_job(R"("items": [{"fields": {"a": "a"}}])"),
       R"(config/books.json: /items/0: missing required key "name")"},
      {minimal_job(R"("items": [{"name": "book"}])"),
       R"(config/books.json: /items/0: missing required key "fields")"},
      {minimal_job(R"("items": [{"name": "b", "fields": {"a": {"all": true}}}])"),
       R"(config/books.json: /items/0/fields/a: missing required key "selector")"},
  });
}

TEST_CASE("each value of the wrong type is reported with its pointer, the expected type and the value found") {
  check_rows({
      {R"({"name": 42, "start_urls": ["http://books.test/"]})",
       "config/books.json: /name: expected a non-empty name of letters, digits, '.', '_' and '-', "
       "found 42"},
      {R"({"name": "books", "start_urls": "http://books.test/"})",
       "config/books.json: /start_urls: expected a non-empty array of start URLs, found "
       "\"http://books.test/\""},
      {R"({"name": "books", "start_urls": []})",
       "config/books.json: /start_urls: expected a non-empty array of start URLs, found []"},
      {R"({"name": "books", "start_urls": [null]})",
       "config/books.json: /start_urls/0: expected an absolute http(s) URL, found null"},
      {minimal_job(R"("allowed_domains": "books.test")"),
       "config/books.json: /allowed_domains: expected an array of host names, found \"books.test\""},
      {minimal_job(R"("allowed_domains": [true])"),
       "config/books.json: /allowed_domains/0: expected a host name such as \"books.example\", "
       "found true"},
      {minimal_job(R"("follow": "a.next")"),
       "config/books.json: /follow: expected an array of CSS selector strings, found \"a.next\""},
      {minimal_job(R"("follow": [{"selector": "a"}])"),
       "config/books.json: /follow/0: expected a CSS selector string, found {\"selector\":\"a\"}"},
      {minimal_job(R"("items": {"name": "book"})"),
       "config/books.json: /items: expected an array of item objects, found {\"name\":\"book\"}"},
      {minimal_job(R"("items": ["book"])"),
       "config/books.json: /items/0: expected an item object, found \"book\""},
      {minimal_job(R"("items": [{"name": 1, "fields": {"a": "a"}}])"),
       "config/books.json: /items/0/name: expected a non-empty item name, found 1"},
      {minimal_job(R"("items": [{"name": "", "fields": {"a": "a"}}])"),
       "config/books.json: /items/0/name: expected a non-empty item name, found \"\""},
      {minimal_job(R"("items": [{"name": "b", "url_pattern": 7, "fields": {"a": "a"}}])"),
       "config/books.json: /items/0/url_pattern: expected a regular expression string (RE2 "
       "syntax), found 7"},
      {minimal_job(R"("items": [{"name": "b", "fields": ["h1"]}])"),
       "config/books.json: /items/0/fields: expected a non-empty object of fields, found [\"h1\"]"},
      {minimal_job(R"("items": [{"name": "b", "fields": {}}])"),
       "config/books.json: /items/0/fields: expected a non-empty object of fields, found {}"},
      {minimal_job(R"("items": [{"name": "b", "fields": {"price": 42}}])"),
       "config/books.json: /items/0/fields/price: expected a CSS selector string or an object, "
       "found 42"},
      {minimal_job(R"("items": [{"name": "b", "fields": {"price": {"selector": 7}}}])"),
       "config/books.json: /items/0/fields/price/selector: expected a CSS selector string or a non-empty "
       "array of them, found 7"},
      {minimal_job(R"("items": [{"name": "b", "fields": {"tags": {"selector": "a", "all": "yes"}}}])"),
       "config/books.json: /items/0/fields/tags/all: expected true or false, found \"yes\""},
      {minimal_job(R"("concurrency": "8")"),
       "config/books.json: /concurrency: expected an integer from 1 to 1024, found \"8\""},
      {minimal_job(R"("concurrency": 8.5)"),
       "config/books.json: /concurrency: expected an integer from 1 to 1024, found 8.5"},
      {minimal_job(R"("max_pages": null)"),
       "config/books.json: /max_pages: expected an integer >= 0, found null"},
      {minimal_job(R"("max_depth": false)"),
       "config/books.json: /max_depth: expected an integer >= 0, found false"},
      {minimal_job(R"("output": "out/books.jsonl")"),
       "config/books.json: /output: expected an object, found \"out/books.jsonl\""},
      {minimal_job(R"("output": {"path": ""})"),
       "config/books.json: /output/path: expected a non-empty file path, found \"\""},
  });
}

TEST_CASE("a value found is shown as compact JSON cut to about 40 characters") {
  CHECK(error_of(minimal_job(R"("output": ["a long list", "of strings", "that goes on and on"])")) ==
        R"(config/books.json: /output: expected an object, found ["a long list","of strings","that goe...)");
}

TEST_CASE("the job name must be usable in a file name") {
  CHECK(error_of(R"({"name": "my books/2024", "start_urls": ["http://books.test/"]})") ==
        "config/books.json: /name: expected a non-empty name of letters, digits, '.', '_' and '-', "
        "found \"my books/2024\"");
  CHECK(error_of(R"({"name": "", "start_urls": ["http://books.test/"]})") ==
        "config/books.json: /name: expected a non-empty name of letters, digits, '.', '_' and '-', "
        "found \"\"");
}

TEST_CASE("an unknown key suggests the closest known key when it is a likely typo") {
  check_rows({
      {minimal_job(R"("maxpages": 5)"),
       R"(config/books.json: /maxpages: unknown key (did you mean "max_pages"?))"},
      {minimal_job(R"("Concurency": 5)"),
       R"(config/books.json: /Concurency: unknown key (did you mean "concurrency"?))"},
      {minimal_job(R"("start_url": ["http://books.test/"])"),
       R"(config/books.json: /start_url: unknown key (did you mean "start_urls"?))"},
      {minimal_job(R"("items": [{"name": "b", "feilds": {"a": "a"}}])"),
       "config/books.json: /items/0/feilds: unknown key (did you mean \"fields\"?)\n"
       "config/books.json: /items/0: missing required key \"fields\""},
      {minimal_job(R"("items": [{"name": "b", "fields": {"a": {"selector": "a", "al": true}}}])"),
       R"(config/books.json: /items/0/fields/a/al: unknown key (did you mean "all"?))"},
      {minimal_job(R"("output": {"pth": "x.jsonl"})"),
       R"(config/books.json: /output/pth: unknown key (did you mean "path"?))"},
  });
}

TEST_CASE("an unknown key close to no known key is reported without a suggestion") {
  check_rows({
      {minimal_job(R"("user_agent": "gleaner")"), "config/books.json: /user_agent: unknown key"},
      {minimal_job(R"("items": [{"name": "b", "fields": {"a": {"selector": "a", "format": "int"}}}])"),
       "config/books.json: /items/0/fields/a/format: unknown key"},
      {minimal_job(R"("output": {"colour": "red"})"), "config/books.json: /output/colour: unknown key"},
  });
}

TEST_CASE("keys with '~' or '/' are escaped in the JSON pointer (RFC 6901 §3)") {
  CHECK(error_of(minimal_job(R"("items": [{"name": "b", "fields": {"a/b~c": 1}}])")) ==
        "config/books.json: /items/0/fields/a~1b~0c: expected a CSS selector string or an "
        "object, found 1");
}

TEST_CASE("an invalid selector is reported with the selector text and the column where it goes wrong") {
  check_rows({
      {minimal_job(R"("items": [{"name": "b", "fields": {"title": "h1 >"}}])"),
       R"(config/books.json: /items/0/fields/title: invalid CSS selector "h1 >": expected a simple selector after '>', found end of input at column 5)"},
      {minimal_job(R"("items": [{"name": "b", "fields": {"title": {"selector": "div > > a"}}}])"),
       R"(config/books.json: /items/0/fields/title/selector: invalid CSS selector "div > > a": expected a simple selector after '>' at column 7)"},
      {minimal_job(R"("follow": ["a.next", "ul > > a"])"),
       R"(config/books.json: /follow/1: invalid CSS selector "ul > > a": expected a simple selector after '>' at column 6)"},
      {minimal_job(R"("follow": ["ul..x"])"),
       R"(config/books.json: /follow/0: invalid CSS selector "ul..x": expected a class name after '.', found '.' at column 4)"},
      // Columns count characters: "é" is two bytes and one column.
      {minimal_job(R"("follow": ["p.café > > a"])"),
       "config/books.json: /follow/0: invalid CSS selector \"p.caf\xC3\xA9 > > a\": expected a simple selector "
       "after '>' at column 10"},
  });
}

TEST_CASE("an invalid url_pattern is reported with RE2's reason, the part it is about and its column") {
  check_rows({
      {minimal_job(R"j("items": [{"name": "b", "url_pattern": "/book/(\\d+", "fields": {"a": "a"}}])j"),
       R"j(config/books.json: /items/0/url_pattern: invalid regular expression "/book/(\d+": missing ) "(\d+" at column 7)j"},
      {minimal_job(R"j("items": [{"name": "b", "url_pattern": "a**", "fields": {"a": "a"}}])j"),
       R"j(config/books.json: /items/0/url_pattern: invalid regular expression "a**": bad repetition operator "**" at column 2)j"},
      {minimal_job(R"j("items": [{"name": "b", "url_pattern": "/p/[0-9+", "fields": {"a": "a"}}])j"),
       R"j(config/books.json: /items/0/url_pattern: invalid regular expression "/p/[0-9+": missing ] "[0-9+" at column 4)j"},
      {minimal_job(R"j("items": [{"name": "b", "url_pattern": "/p/(?<id>\\d+)", "fields": {"a": "a"}}])j"),
       R"j(config/books.json: /items/0/url_pattern: invalid regular expression "/p/(?<id>\d+)": invalid perl operator "(?<" at column 4)j"},
      {minimal_job(R"j("items": [{"name": "b", "url_pattern": "[z-a]", "fields": {"a": "a"}}])j"),
       R"j(config/books.json: /items/0/url_pattern: invalid regular expression "[z-a]": invalid character class range "z-a" at column 2)j"},
      {minimal_job(R"j("items": [{"name": "b", "url_pattern": "/x\\", "fields": {"a": "a"}}])j"),
       R"j(config/books.json: /items/0/url_pattern: invalid regular expression "/x\": trailing \ at column 3)j"},
  });
}

TEST_CASE("a parenthesis RE2 finds unbalanced is located past escapes, classes and quoted text") {
  check_rows({
      // The unclosed group is the innermost one left open.
      {minimal_job(R"j("items": [{"name": "b", "url_pattern": "(a)(b(c)", "fields": {"a": "a"}}])j"),
       R"j(config/books.json: /items/0/url_pattern: invalid regular expression "(a)(b(c)": missing ) "(b(c)" at column 4)j"},
      {minimal_job(R"j("items": [{"name": "b", "url_pattern": "\\((x", "fields": {"a": "a"}}])j"),
       R"j(config/books.json: /items/0/url_pattern: invalid regular expression "\((x": missing ) "(x" at column 3)j"},
      {minimal_job(R"j("items": [{"name": "b", "url_pattern": "[)(]a)", "fields": {"a": "a"}}])j"),
       R"j(config/books.json: /items/0/url_pattern: invalid regular expression "[)(]a)": unexpected ) at column 6)j"},
      {minimal_job(R"j("items": [{"name": "b", "url_pattern": "\\Q(\\E(", "fields": {"a": "a"}}])j"),
       R"j(config/books.json: /items/0/url_pattern: invalid regular expression "\Q(\E(": missing ) "(" at column 6)j"},
      // When the part is the whole pattern, the column says enough.
      {minimal_job(R"j("items": [{"name": "b", "url_pattern": "(unclosed", "fields": {"a": "a"}}])j"),
       R"j(config/books.json: /items/0/url_pattern: invalid regular expression "(unclosed": missing ) at column 1)j"},
  });
}

TEST_CASE("a start URL that does not parse is reported with curl's reason") {
  CHECK(error_of(R"({"name": "books", "start_urls": ["foo"]})") ==
        R"(config/books.json: /start_urls/0: expected an absolute http(s) URL, found "foo" (invalid URL "foo": Bad scheme))");
  CHECK(error_of(R"({"name": "books", "start_urls": ["http://books.test/", "http://"]})") ==
        R"(config/books.json: /start_urls/1: expected an absolute http(s) URL, found "http://" (invalid URL "http://": No host part in the URL))");
}

TEST_CASE("a start URL with a scheme other than http or https is rejected") {
  CHECK(error_of(R"({"name": "books", "start_urls": ["ftp://files.test/books/"]})") ==
        R"(config/books.json: /start_urls/0: expected an absolute http(s) URL, found "ftp://files.test/books/")");
}

TEST_CASE("allowed domains are host names, kept in lower case as Url keeps hosts") {
  auto job = parse_job(minimal_job(R"("allowed_domains": ["Books.TEST", "[::1]", "B\u00DCcher.test"])"),
                       source);
  REQUIRE(job);
  CHECK(job->allowed_domains == std::vector<std::string>{"books.test", "[::1]", "b\xC3\x9C" "cher.test"});
  check_rows({
      {minimal_job(R"("allowed_domains": ["https://books.test/"])"),
       R"(config/books.json: /allowed_domains/0: expected a host name such as "books.example", found "https://books.test/")"},
      {minimal_job(R"("allowed_domains": ["books.test:8080"])"),
       R"(config/books.json: /allowed_domains/0: expected a host name such as "books.example", found "books.test:8080")"},
      {minimal_job(R"("allowed_domains": [""])"),
       R"(config/books.json: /allowed_domains/0: expected a host name such as "books.example", found "")"},
  });
}

TEST_CASE("integers outside their range are reported with the range") {
  check_rows({
      {minimal_job(R"("concurrency": 0)"),
       "config/books.json: /concurrency: expected an integer from 1 to 1024, found 0"},
      {minimal_job(R"("concurrency": 1025)"),
       "config/books.json: /concurrency: expected an integer from 1 to 1024, found 1025"},
      {minimal_job(R"("max_pages": -1)"),
       "config/books.json: /max_pages: expected an integer >= 0, found -1"},
      {minimal_job(R"("max_queued_in_memory": 99)"),
       "config/books.json: /max_queued_in_memory: expected an integer >= 100, found 99"},
      {minimal_job(R"("max_depth": -3)"),
       "config/books.json: /max_depth: expected an integer >= 0, found -3"},
      {minimal_job(R"("max_depth": 3000000000)"),
       "config/books.json: /max_depth: expected an integer from 0 to 2147483647, found 3000000000"},
      {minimal_job(R"("max_pages": 18446744073709551615)"),
       "config/books.json: /max_pages: expected an integer from 0 to 9223372036854775807, found "
       "18446744073709551615"},
  });
  auto job = parse_job(minimal_job(R"("concurrency": 1024, "max_pages": 9223372036854775807)"), source);
  REQUIRE(job);
  CHECK(job->concurrency == 1024);
  CHECK(job->max_pages == 9223372036854775807L);
}

TEST_CASE("\"url\" and the empty string cannot name a field") {
  check_rows({
      {minimal_job(R"j("items": [{"name": "b", "fields": {"title": "h1", "url": "a::attr(href)"}}])j"),
       R"(config/books.json: /items/0/fields/url: field name "url" is reserved for the page URL)"},
      {minimal_job(R"("items": [{"name": "b", "fields": {"": "h1"}}])"),
       "config/books.json: /items/0/fields/: a field name must not be empty"},
  });
}

TEST_CASE("every problem is reported, one per line, in file order") {
  CHECK(error_of(R"({"concurrency": 0, "name": "books", "start_urls": [], "bogus": 1})") ==
        "config/books.json: /concurrency: expected an integer from 1 to 1024, found 0\n"
        "config/books.json: /start_urls: expected a non-empty array of start URLs, found []\n"
        "config/books.json: /bogus: unknown key");
  // Missing keys are only known once the whole object has been read.
  CHECK(error_of(R"({"max_depth": -1, "items": [{"name": "b"}]})") ==
        "config/books.json: /max_depth: expected an integer >= 0, found -1\n"
        "config/books.json: /items/0: missing required key \"fields\"\n"
        "config/books.json: /: missing required key \"name\"\n"
        "config/books.json: /: missing required key \"start_urls\"");
}

TEST_CASE("the repository's config/books.json loads") {
  auto job = load_job(GLEANER_SOURCE_DIR "/config/books.json");
  if (!job) FAIL(job.error().message);
  CHECK(job->source_path == GLEANER_SOURCE_DIR "/config/books.json");
  CHECK_FALSE(job->name.empty());
  CHECK_FALSE(job->start_urls.empty());
}

TEST_CASE("politeness, retry and http settings are read with their defaults kept where unset") {
  auto defaults = parse_job(minimal_job(), source);
  REQUIRE(defaults);
  CHECK(defaults->politeness.per_host_concurrency == 8);
  CHECK(defaults->politeness.delay_seconds == 0);
  CHECK(defaults->politeness.obey_robots);
  CHECK(defaults->retry.max_retries == 2);
  CHECK(defaults->retry.statuses == std::vector<long>{408, 429, 500, 502, 503, 504});
  CHECK(defaults->http.timeout_seconds == 30);
  CHECK(defaults->http.max_redirects == 10);
  CHECK(defaults->http.user_agent.empty());

  auto job = parse_job(minimal_job(R"json(
      "politeness": {"per_host_concurrency": 2, "delay": 1.5, "jitter": 0.25, "obey_robots": false},
      "retry": {"max_retries": 5, "statuses": [503], "backoff": 0.5},
      "http": {"user_agent": "acme-bot/1.0 (+mailto:ops@acme.test)", "connect_timeout": 2,
               "timeout": 12.5, "max_redirects": 3, "max_body_bytes": 2048})json"),
                       source);
  REQUIRE_MESSAGE(job, (job ? "" : job.error().message));
  CHECK(job->politeness.per_host_concurrency == 2);
  CHECK(job->politeness.delay_seconds == 1.5);
  CHECK(job->politeness.jitter == 0.25);
  CHECK_FALSE(job->politeness.obey_robots);
  CHECK(job->retry.max_retries == 5);
  CHECK(job->retry.statuses == std::vector<long>{503});
  CHECK(job->retry.backoff_seconds == 0.5);
  CHECK(job->http.user_agent == "acme-bot/1.0 (+mailto:ops@acme.test)");
  CHECK(job->http.connect_timeout_seconds == 2);
  CHECK(job->http.timeout_seconds == 12.5);
  CHECK(job->http.max_redirects == 3);
  CHECK(job->http.max_body_bytes == 2048);
}

TEST_CASE("bad politeness, retry and http settings name the key, the range and the value") {
  check_rows({
      {minimal_job(R"("politeness": {"delay": -1})"),
       "config/books.json: /politeness/delay: expected a number of seconds from 0 to 3600, found -1"},
      {minimal_job(R"("politeness": {"jitter": 2})"),
       "config/books.json: /politeness/jitter: expected a number from 0 to 1, found 2"},
      {minimal_job(R"("politeness": {"per_host_concurrency": 0})"),
       "config/books.json: /politeness/per_host_concurrency: expected an integer from 1 to 1024, found 0"},
      {minimal_job(R"("politeness": {"obey_robots": "no"})"),
       "config/books.json: /politeness/obey_robots: expected true or false, found \"no\""},
      {minimal_job(R"("politeness": {"delays": 1})"),
       "config/books.json: /politeness/delays: unknown key (did you mean \"delay\"?)"},
      {minimal_job(R"("retry": {"statuses": [503, 700]})"),
       "config/books.json: /retry/statuses/1: expected an integer from 100 to 599, found 700"},
      {minimal_job(R"("retry": {"max_retries": 50})"),
       "config/books.json: /retry/max_retries: expected an integer from 0 to 20, found 50"},
      {minimal_job(R"("retry": 3)"),
       "config/books.json: /retry: expected an object, found 3"},
      {minimal_job(R"("http": {"timeout": 0})"),
       "config/books.json: /http/timeout: expected a number of seconds from 0.001 to 86400, found 0"},
      {minimal_job(R"("http": {"user_agent": ""})"),
       "config/books.json: /http/user_agent: expected a non-empty User-Agent string, found \"\""},
      {minimal_job(R"("http": {"max_body_bytes": 10})"),
       "config/books.json: /http/max_body_bytes: expected an integer >= 1024, found 10"},
  });
}

TEST_CASE("check_job_text gives every error the line and column of its value, comments not counted") {
  const std::string text = R"(// A job with three mistakes.
{
  "name": "books",
  /* "concurrency": 4, */ "concurrency": "8",
  "start_urls": ["http://books.test/"],
  "items": [{"name": "b", "fields": {"title": "h1 >"}}],
  "maxpages": 5
})";
  const auto check = gleaner::config::check_job_text(text, source);
  CHECK_FALSE(check.valid());
  CHECK_FALSE(check.job);
  CHECK(check.warnings.empty());
  CHECK(check.errors ==
        std::vector<std::string>{
            R"(config/books.json:4:42: /concurrency: expected an integer from 1 to 1024, found "8")",
            R"(config/books.json:6:47: /items/0/fields/title: invalid CSS selector "h1 >": expected a simple selector after '>', found end of input at column 5)",
            R"(config/books.json:7:15: /maxpages: unknown key (did you mean "max_pages"?))",
        });
}

TEST_CASE("check_job_text locates a missing key at the object that lacks it") {
  const auto check = gleaner::config::check_job_text("{\n  \"items\": [\n    {\"name\": \"b\"}]}", source);
  // In file order: the root object starts before the item does.
  CHECK(check.errors == std::vector<std::string>{
                            R"(config/books.json:1:1: /: missing required key "name")",
                            R"(config/books.json:1:1: /: missing required key "start_urls")",
                            R"(config/books.json:3:5: /items/0: missing required key "fields")",
                        });
}

TEST_CASE("check_job_text stops at a syntax error, which already has its position") {
  const auto check = gleaner::config::check_job_text("{\n  \"name\": \"x\"\n  \"start_urls\": []\n}", source);
  CHECK(check.errors == std::vector<std::string>{
                            "config/books.json:3:3: invalid JSON: expected ',' or '}' after an object member, "
                            "found '\"'"});
  CHECK(check.warnings.empty());
}

TEST_CASE("check_job_file reports an unreadable file as its one error") {
  const auto check = gleaner::config::check_job_file("config/nope.json");
  CHECK(check.errors ==
        std::vector<std::string>{"config/nope.json: cannot read job file: No such file or directory"});
  CHECK_FALSE(check.job);
}

TEST_CASE("a valid job checks clean and comes back whole") {
  const auto check = gleaner::config::check_job_file(GLEANER_SOURCE_DIR "/config/books.json");
  CHECK(check.valid());
  CHECK(check.errors.empty());
  CHECK(check.warnings.empty());
  REQUIRE(check.job);
  CHECK(check.job->name == "books");
}
