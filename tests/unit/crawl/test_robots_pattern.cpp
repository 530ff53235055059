#include <doctest/doctest.h>

#include <string>

#include "crawl/robots_pattern.hpp"

using gleaner::crawl::normalise_robots_path;
using gleaner::crawl::RobotsPattern;

namespace {

struct NormaliseCase {
  const char* section;
  const char* input;
  const char* path;     // normalise_robots_path(input)
  const char* pattern;  // RobotsPattern(input).text()
};

const NormaliseCase normalise_cases[] = {
    {"§2.2.2", "/foo/bar?baz=quz", "/foo/bar?baz=quz", "/foo/bar?baz=quz"},
    {"§2.2.2", "/foo/bar/%62%61%7A", "/foo/bar/baz", "/foo/bar/baz"},
    {"§2.2.2", "/foo/bar/ツ", "/foo/bar/%E3%83%84", "/foo/bar/%E3%83%84"},
    {"§2.2.2", "/foo/bar/%e3%83%84", "/foo/bar/%E3%83%84", "/foo/bar/%E3%83%84"},
    {"§2.2.2", "/a%3c", "/a%3C", "/a%3C"},
    {"§2.2.2", "/a%2fb", "/a%2Fb", "/a%2Fb"},
    {"§2.2.2", "/%7euser/%2D%2e%5F", "/~user/-._", "/~user/-._"},
    {"§2.2.2", "/a b", "/a%20b", "/a%20b"},
    {"§2.2.2", "/a{b}|\"c\"", "/a%7Bb%7D%7C%22c%22", "/a%7Bb%7D%7C%22c%22"},
    {"§2.2.2", "/a%7bb", "/a%7Bb", "/a%7Bb"},
    {"§2.2.2", "/x\x7F\t", "/x%7F%09", "/x%7F%09"},
    {"§2.2.2", "/100%", "/100%25", "/100%25"},
    {"§2.2.2", "/%zz%4", "/%25zz%254", "/%25zz%254"},
    {"§2.2.3", "/a*b", "/a%2Ab", "/a*b"},
    {"§2.2.3", "/a$b$", "/a%24b%24", "/a%24b$"},
    {"§2.2.3", "/a%2a%24", "/a%2A%24", "/a%2A%24"},
    {"§2.2.2", "", "/", ""},
    {"§2.2.2", "?q=1", "/?q=1", "?q=1"},
};

}  // namespace

TEST_CASE("paths and patterns are percent-normalised the same way") {
  for (const NormaliseCase& row : normalise_cases) {
    CAPTURE(row.section);
    CAPTURE(row.input);
    CHECK(normalise_robots_path(row.input) == row.path);
    CHECK(RobotsPattern(row.input).text() == row.pattern);
  }
}

TEST_CASE("normalising a normalised pattern changes nothing") {
  for (const NormaliseCase& row : normalise_cases) {
    CAPTURE(row.input);
    const RobotsPattern once(row.input);
    CHECK(RobotsPattern(once.text()).text() == once.text());
  }
}

namespace {

struct MatchCase {
  const char* section;
  const char* pattern;
  const char* path;
  bool matches;
};

const MatchCase match_cases[] = {
    {"§2.2.2", "/", "/", true},
    {"§2.2.2", "/", "/anything", true},
    {"§2.2.2", "/fish", "/fish", true},
    {"§2.2.2", "/fish", "/fish.html", true},
    {"§2.2.2", "/fish", "/fish/salmon.html", true},
    {"§2.2.2", "/fish", "/Fish.asp", false},
    {"§2.2.2", "/fish", "/catfish", false},
    {"§2.2.2", "/fish/", "/fish", false},
    {"§2.2.3", "/fish*", "/fishheads", true},
    {"§2.2.3", "/fish*", "/fis", false},
    {"§2.2.3", "/*.php", "/index.php", true},
    {"§2.2.3", "/*.php", "/folder/any.php.file.html", true},
    {"§2.2.3", "/*.php", "/windows.PHP", false},
    {"§2.2.3", "/*.php$", "/filename.php", true},
    {"§2.2.3", "/*.php$", "/filename.php?parameters", false},
    {"§2.2.3", "/*.php$", "/filename.php5", false},
    {"§2.2.3", "/fish*.php", "/fishheads/catfish.php?parameters", true},
    {"§2.2.3", "/fish*.php", "/Fish.PHP", false},
    {"§2.2.3", "*", "/", true},
    {"§2.2.3", "*$", "/x", true},
    {"§2.2.3", "/*$", "/x/y", true},
    {"§2.2.3", "/$", "/", true},
    {"§2.2.3", "/$", "/a", false},
    {"§2.2.3", "/a**b", "/axxb", true},
    {"§2.2.3", "/a*b*c$", "/abcabc", true},
    {"§2.2.3", "/a*b*c$", "/abcab", false},
    {"§2.2.3", "/a*bc$", "/abc", true},  // the last run may follow the star directly
    {"§2.2.3", "/a*abab$", "/aabab", true},
    {"§2.2.3", "/*aab", "/aaab", true},  // KMP must fall back, not restart
    {"§2.2.3", "/*abcabd", "/abcabcabd", true},
    {"§2.2.3", "/*a$", "/ba/", false},
    {"§2.2.3", "/*x*$", "/axb", true},
    {"§2.2.3", "/*x*$", "/ab", false},
    {"§2.2.3", "/*x*y$", "/xyzy", true},
    {"§2.2.3", "/*x*y$", "/yx", false},
    {"§2.2.3", "/*ab*ab$", "/ab", false},  // runs may not overlap
    {"§2.2.3", "/*ab*ab$", "/abab", true},
    {"§2.2.3", "/x$y$", "/x$y", true},
};

}  // namespace

TEST_CASE("a pattern matches from the first octet of the path, with '*' and a final '$'") {
  for (const MatchCase& row : match_cases) {
    CAPTURE(row.section);
    CAPTURE(row.pattern);
    CAPTURE(row.path);
    CHECK(RobotsPattern(row.pattern).matches(normalise_robots_path(row.path)) == row.matches);
  }
}

TEST_CASE("pathological wildcard patterns finish in one pass over a long path") {
  const std::string path = "/" + std::string(200'000, 'a');
  std::string stars = "/";
  for (int i = 0; i < 2'000; ++i) stars += "*a";
  CHECK(RobotsPattern(stars + "*b").matches(path) == false);
  CHECK(RobotsPattern(stars).matches(path) == true);
  CHECK(RobotsPattern(stars + "$").matches(path) == true);
  CHECK(RobotsPattern("/*" + std::string(5'000, 'a') + "b").matches(path) == false);
  CHECK(RobotsPattern("/*" + std::string(5'000, 'a') + "$").matches(path) == true);
}
