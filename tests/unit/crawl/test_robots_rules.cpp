#include <doctest/doctest.h>

#include <iterator>
#include <string>
#include <vector>

#include "crawl/robots_rules.hpp"

using gleaner::crawl::parse_robots;
using gleaner::crawl::robots_parse_limit;
using gleaner::crawl::RobotsDecision;
using gleaner::crawl::RobotsRules;

namespace {

// "allow /p" or "disallow /p" for the rule that decided; "" when none did.
std::string describe(const RobotsDecision& decision) {
  if (!decision.rule) return "";
  return (decision.rule->allow ? "allow " : "disallow ") + decision.rule->pattern;
}

struct Case {
  const char* section;
  const char* robots;
  const char* path;
  bool allowed;
  const char* rule;  // as describe() writes it; nullptr: not checked
  const char* agent = "gleaner";
};

// RFC 9309 §5.1, "Simple Example".
constexpr const char* rfc_example =
    "User-Agent: *\n"
    "Disallow: *.gif$\n"
    "Disallow: /example/\n"
    "Allow: /publications/\n"
    "\n"
    "User-Agent: foobot\n"
    "Disallow:/\n"
    "Allow:/example/page.html\n"
    "Allow:/example/allowed.gif\n"
    "\n"
    "User-Agent: barbot\n"
    "User-Agent: bazbot\n"
    "Disallow: /example/page.html\n"
    "\n"
    "User-Agent: quxbot\n"
    "\n"
    "EOF\n";

// RFC 9309 §5.2, "Longest Match".
constexpr const char* rfc_longest =
    "User-Agent: foobot\n"
    "Allow: /example/page/\n"
    "Disallow: /example/page/disallowed.gif\n";

constexpr const char* ours_and_everyone =
    "User-agent: *\n"
    "Disallow: /\n"
    "\n"
    "User-agent: gleaner\n"
    "Disallow: /private\n";

constexpr const char* only_others =
    "User-agent: otherbot\n"
    "Disallow: /\n";

const Case cases[] = {
    // §5.1: the RFC's own example, for each of its crawlers and for us.
    {"§5.1", rfc_example, "/example/page.html", true, "allow /example/page.html", "foobot"},
    {"§5.1", rfc_example, "/example/allowed.gif", true, "allow /example/allowed.gif", "foobot"},
    {"§5.1", rfc_example, "/example/other.html", false, "disallow /", "foobot"},
    {"§5.1", rfc_example, "/publications/", false, "disallow /", "foobot"},
    {"§5.1", rfc_example, "/example/page.html", false, "disallow /example/page.html", "barbot"},
    {"§5.1", rfc_example, "/example/page.html", false, "disallow /example/page.html", "BazBot"},
    {"§5.1", rfc_example, "/example/page.htmlx", false, "disallow /example/page.html", "barbot"},
    {"§5.1", rfc_example, "/picture.gif", true, "", "barbot"},
    {"§5.1", rfc_example, "/example/", true, "", "quxbot"},
    {"§5.1", rfc_example, "/picture.gif", true, "", "quxbot"},
    {"§5.1", rfc_example, "/picture.gif", false, "disallow *.gif$"},
    {"§5.1", rfc_example, "/picture.gif?size=2", true, ""},
    {"§5.1", rfc_example, "/example/page.html", false, "disallow /example/"},
    {"§5.1", rfc_example, "/publications/a.html", true, "allow /publications/"},
    {"§5.1", rfc_example, "/publications/a.gif", true, "allow /publications/"},
    {"§5.1", rfc_example, "/elsewhere", true, ""},
    // §5.2: the longest match decides, in either order.
    {"§5.2", rfc_longest, "/example/page/", true, "allow /example/page/", "foobot"},
    {"§5.2", rfc_longest, "/example/page/disallowed.gif", false,
     "disallow /example/page/disallowed.gif", "foobot"},
    {"§5.2", rfc_longest, "/example/page/allowed.gif", true, "allow /example/page/", "foobot"},

    // §2.1: groups start at user-agent lines; rules outside a group are ignored.
    {"§2.1", "", "/anything", true, ""},
    {"§2.1", "Disallow: /\n", "/anything", true, ""},
    {"§2.1", "Disallow: /a\nUser-agent: *\nDisallow: /b\n", "/a", true, ""},
    {"§2.1", "Disallow: /a\nUser-agent: *\nDisallow: /b\n", "/b", false, "disallow /b"},
    {"§2.1", "User-agent: otherbot\nUser-agent: gleaner\nDisallow: /x\n", "/x", false,
     "disallow /x"},
    {"§2.1", "User-agent: gleaner\nUser-agent: otherbot\nDisallow: /x\n", "/x", false,
     "disallow /x"},
    {"§2.1", "User-agent: gleaner\nDisallow: /x\nUser-agent: otherbot\nDisallow: /y\n", "/y",
     true, ""},
    {"§2.1", "User-agent: gleaner\nDisallow: /x\nUser-agent: otherbot\nDisallow: /y\n", "/x",
     false, "disallow /x"},
    {"§2.1", "User-agent: gleaner\n\nDisallow: /x\n", "/x", false, "disallow /x"},
    {"§2.1", "User-agent: otherbot\n\nUser-agent: gleaner\nDisallow: /x\n", "/x", false,
     "disallow /x"},
    {"§2.1", "User-agent: gleaner\nDisallow: /x\n\n\nDisallow: /y\n", "/y", false,
     "disallow /y"},
    {"§2.1", "User-agent: gleaner\nAllow: /x\nUser-agent: otherbot\nDisallow: /\n", "/z", true,
     ""},

    // §2.2: keys are case-insensitive; blanks around ':' and values do not count.
    {"§2.2", "USER-AGENT: gleaner\nDISALLOW: /x\n", "/x", false, "disallow /x"},
    {"§2.2", "user-agent: gleaner\ndisallow: /x\nALLOW: /x/y\n", "/x/y", true, "allow /x/y"},
    {"§2.2", "User-agent : gleaner\nDisallow :   /x  \n", "/x", false, "disallow /x"},
    {"§2.2", "User-agent:gleaner\nDisallow:/x\n", "/x", false, "disallow /x"},
    {"§2.2", "\tUser-agent:\tgleaner\t\n  Disallow\t:\t/x\t\n", "/x", false, "disallow /x"},
    {"§2.2", "User-agent: gleaner\nDisallow: /a b\n", "/a%20b", false, "disallow /a%20b"},
    // §2.2: '#' starts a comment wherever it is, also inside a path.
    {"§2.2", "User-agent: gleaner # that is us\nDisallow: /x # not there\n", "/x", false,
     "disallow /x"},
    {"§2.2", "# User-agent: gleaner\nUser-agent: *\n# Disallow: /x\nDisallow: /y\n", "/x", true,
     ""},
    {"§2.2", "User-agent: *\nDisallow: /a#b\n", "/ab", false, "disallow /a"},
    {"§2.2", "User-agent: *\nDisallow: # nothing\n", "/", true, ""},
    {"§2.2", "User-agent: * # everyone\nDisallow: /x\n", "/x", false, "disallow /x"},

    // §2.3.1.5: lines that cannot be parsed are skipped, the rest still counts.
    {"§2.3.1.5", "User-agent: gleaner\nDisallow /x\nDisallow: /y\n", "/x", true, ""},
    {"§2.3.1.5", "User-agent: gleaner\nDisallow /x\nDisallow: /y\n", "/y", false, "disallow /y"},
    {"§2.3.1.5", "User-agent: gleaner\nNoindex: /x\nDisallow: /y\n", "/x", true, ""},
    {"§2.3.1.5", "<html><body>Not found</body></html>\n", "/x", true, ""},
    {"§2.3.1.5", "User-agent: gleaner\nDisalow: /x\n", "/x", true, ""},
    {"§2.3.1.5", "User-agent: gleaner\n: /x\nDisallow: /y\n", "/y", false, "disallow /y"},
    {"§2.3.1.5", "\x01\xFF\xFE garbage\nUser-agent: gleaner\nDisallow: /x\n", "/x", false,
     "disallow /x"},

    // §2.2.1: group selection by product token, case-insensitive.
    {"§2.2.1", "User-agent: GLEANER\nDisallow: /x\n", "/x", false, "disallow /x"},
    {"§2.2.1", "User-agent: gleaner\nDisallow: /x\n", "/x", false, "disallow /x", "GleAner"},
    {"§2.2.1", "User-agent: gleaner/1.0\nDisallow: /x\n", "/x", false, "disallow /x"},
    {"§2.2.1", "User-agent: gleaner (+https://gleaner.test)\nDisallow: /x\n", "/x", false,
     "disallow /x"},
    {"§2.2.1", "User-agent: gleaner\nDisallow: /x\n", "/x", false, "disallow /x", "gleaner/0.1"},
    {"§2.2.1", "User-agent: gleaner-bot\nDisallow: /x\n", "/x", true, ""},
    {"§2.2.1", "User-agent: gleanerbot\nDisallow: /x\n", "/x", true, ""},
    {"§2.2.1", "User-agent: glean\nDisallow: /x\n", "/x", true, ""},
    {"§2.2.1", "User-agent: Mozilla/5.0 (compatible; gleaner)\nDisallow: /x\n", "/x", true, ""},
    {"§2.2.1", "User-agent: gleaner-bot\nDisallow: /x\n", "/x", false, "disallow /x",
     "Gleaner-Bot"},
    {"§2.2.1", "User-agent: gleaner\nDisallow: /x\n", "/x", true, "", "gleaner-bot"},
    {"§2.2.1", "User-agent: news_bot\nDisallow: /x\n", "/x", false, "disallow /x", "News_Bot"},
    {"§2.2.1", ours_and_everyone, "/public", true, ""},
    {"§2.2.1", ours_and_everyone, "/private/a", false, "disallow /private"},
    {"§2.2.1", ours_and_everyone, "/public", false, "disallow /", "otherbot"},
    {"§2.2.1", ours_and_everyone, "/public", false, "disallow /", ""},
    {"§2.2.1", "User-agent: *\nDisallow: /\nUser-agent: gleaner\nDisallow:\n", "/x", true, ""},
    {"§2.2.1", "User-agent: *\nDisallow: /\nUser-agent: gleaner\nCrawl-delay: 2\n", "/x", true,
     ""},
    {"§2.2.1", "User-agent: *\nDisallow: /\nUser-agent: gleaner\n", "/x", true, ""},
    {"§2.2.1", only_others, "/x", true, ""},
    {"§2.2.1", only_others, "/x", false, "disallow /", "OtherBot"},
    {"§2.2.1", "User-agent:\nDisallow: /\n", "/x", true, ""},
    {"§2.2.1", "User-agent: *gleaner\nDisallow: /\n", "/x", true, ""},
    {"§2.2.1", "User-agent: otherbot\nUser-agent: *\nDisallow: /x\n", "/x", false,
     "disallow /x"},
    // §2.2.1: several groups for the same crawler are merged, and so are '*' groups.
    {"§2.2.1", "User-agent: gleaner\nDisallow: /a\nUser-agent: *\nDisallow: /b\n"
               "User-agent: gleaner\nDisallow: /c\n", "/c", false, "disallow /c"},
    {"§2.2.1", "User-agent: gleaner\nDisallow: /a\nUser-agent: *\nDisallow: /b\n"
               "User-agent: gleaner\nDisallow: /c\n", "/a", false, "disallow /a"},
    {"§2.2.1", "User-agent: gleaner\nDisallow: /a\nUser-agent: *\nDisallow: /b\n"
               "User-agent: gleaner\nDisallow: /c\n", "/b", true, ""},
    {"§2.2.1", "User-agent: gleaner\nAllow: /a/b\nUser-agent: otherbot\nUser-agent: Gleaner\n"
               "Disallow: /a\n", "/a/b/c", true, "allow /a/b"},
    {"§2.2.1", "User-agent: gleaner\nAllow: /a/b\nUser-agent: otherbot\nUser-agent: Gleaner\n"
               "Disallow: /a\n", "/a/c", false, "disallow /a"},
    {"§2.2.1", "User-agent: *\nDisallow: /a\nUser-agent: otherbot\nDisallow: /b\n"
               "User-agent: *\nDisallow: /c\n", "/c", false, "disallow /c"},
    {"§2.2.1", "User-agent: *\nDisallow: /a\nUser-agent: otherbot\nDisallow: /b\n"
               "User-agent: *\nDisallow: /c\n", "/b", true, ""},

    // §2.2.2: matching starts at the first octet, is case-sensitive, and the
    // rule with the most octets wins; Allow wins a tie.
    {"§2.2.2", "User-agent: *\nDisallow: /fish\n", "/fish.html", false, "disallow /fish"},
    {"§2.2.2", "User-agent: *\nDisallow: /fish\n", "/catfish", true, ""},
    {"§2.2.2", "User-agent: *\nDisallow: /fish\n", "/Fish", true, ""},
    {"§2.2.2", "User-agent: *\nDisallow: /fish/\n", "/fish", true, ""},
    {"§2.2.2", "User-agent: *\nAllow: /p\nDisallow: /p/q\n", "/p/q/r", false, "disallow /p/q"},
    {"§2.2.2", "User-agent: *\nAllow: /p\nDisallow: /p/q\n", "/p/r", true, "allow /p"},
    {"§2.2.2", "User-agent: *\nDisallow: /p\nAllow: /p/q\n", "/p/q", true, "allow /p/q"},
    {"§2.2.2", "User-agent: *\nAllow: /p\nDisallow: /p\n", "/p", true, "allow /p"},
    {"§2.2.2", "User-agent: *\nDisallow: /p\nAllow: /p\n", "/p", true, "allow /p"},
    {"§2.2.2", "User-agent: *\nDisallow: /p$\nAllow: /p*\n", "/p", true, "allow /p*"},
    {"§2.2.2", "User-agent: *\nAllow: /a/\nDisallow: /*/x\n", "/a/x", false, "disallow /*/x"},
    {"§2.2.2", "User-agent: *\nAllow: /a/\nDisallow: /*/x\n", "/a/y", true, "allow /a/"},
    {"§2.2.2", "User-agent: *\nAllow: /ä\nDisallow: /%C3%A4\n", "/ä", true, "allow /%C3%A4"},
    {"§2.2.2", "User-agent: *\nAllow: /%7Ea\nDisallow: /~a/\n", "/~a/b", false,
     "disallow /~a/"},
    {"§2.2.2", "User-agent: *\nDisallow: /a\nDisallow: /a\nAllow: /\n", "/a", false,
     "disallow /a"},
    {"§2.2.2", "User-agent: *\nDisallow: /search?q=\n", "/search?q=cats", false,
     "disallow /search?q="},
    {"§2.2.2", "User-agent: *\nDisallow: /search?q=\n", "/search", true, ""},
    {"§2.2.2", "User-agent: *\nDisallow: /\n", "", false, "disallow /"},
    {"§2.2.2", "User-agent: *\nDisallow: /?\n", "?x=1", false, "disallow /?"},
    {"§2.2.2", "User-agent: *\nDisallow: private\n", "/private", true, ""},
    // §2.2.2: an empty Disallow forbids nothing, an empty Allow allows nothing.
    {"§2.2.2", "User-agent: *\nDisallow:\n", "/", true, ""},
    {"§2.2.2", "User-agent: *\nDisallow:    \n", "/x", true, ""},
    {"§2.2.2", "User-agent: *\nDisallow: /\nAllow:\n", "/x", false, "disallow /"},
    {"§2.2.2", "User-agent: *\nDisallow:\nDisallow: /x\n", "/x", false, "disallow /x"},
    // §2.2.2: /robots.txt is implicitly allowed.
    {"§2.2.2", "User-agent: *\nDisallow: /\n", "/robots.txt", true, ""},
    {"§2.2.2", "User-agent: *\nDisallow: /robots.txt\n", "/robots.txt", true, ""},
    {"§2.2.2", "User-agent: *\nDisallow: /\n", "/robots%2Etxt", true, ""},
    {"§2.2.2", "User-agent: *\nDisallow: /\n", "/robots.txt?x=1", false, "disallow /"},
    {"§2.2.2", "User-agent: *\nDisallow: /\n", "/ROBOTS.TXT", false, "disallow /"},
    // §2.2.2: percent-encoding compared after normalising both sides.
    {"§2.2.2", "User-agent: *\nDisallow: /a%3c\n", "/a%3C", false, "disallow /a%3C"},
    {"§2.2.2", "User-agent: *\nDisallow: /a%3C\n", "/a%3c", false, "disallow /a%3C"},
    {"§2.2.2", "User-agent: *\nDisallow: /ä\n", "/%C3%A4", false, "disallow /%C3%A4"},
    {"§2.2.2", "User-agent: *\nDisallow: /ä\n", "/%c3%a4", false, "disallow /%C3%A4"},
    {"§2.2.2", "User-agent: *\nDisallow: /%C3%A4\n", "/ä", false, "disallow /%C3%A4"},
    {"§2.2.2", "User-agent: *\nDisallow: /foo/bar/ツ\n", "/foo/bar/%E3%83%84", false,
     "disallow /foo/bar/%E3%83%84"},
    {"§2.2.2", "User-agent: *\nDisallow: /foo/bar/%62%61%7A\n", "/foo/bar/baz", false,
     "disallow /foo/bar/baz"},
    {"§2.2.2", "User-agent: *\nDisallow: /foo/bar/baz\n", "/foo/bar/%62%61%7A", false,
     "disallow /foo/bar/baz"},
    {"§2.2.2", "User-agent: *\nDisallow: /%7Euser\n", "/~user/page", false, "disallow /~user"},
    {"§2.2.2", "User-agent: *\nDisallow: /a%2Fb\n", "/a/b", true, ""},
    {"§2.2.2", "User-agent: *\nDisallow: /a/b\n", "/a%2fb", true, ""},
    {"§2.2.2", "User-agent: *\nDisallow: /a%2fb\n", "/a%2Fb", false, "disallow /a%2Fb"},
    {"§2.2.2", "User-agent: *\nDisallow: /a{b}\n", "/a%7Bb%7D/c", false, "disallow /a%7Bb%7D"},
    {"§2.2.2", "User-agent: *\nDisallow: /a%7bb\n", "/a{b}", false, "disallow /a%7Bb"},

    // §2.2.3: '*' matches any sequence of octets, a final '$' anchors.
    {"§2.2.3", "User-agent: *\nDisallow: /*.gif$\n", "/a/b.gif", false, "disallow /*.gif$"},
    {"§2.2.3", "User-agent: *\nDisallow: /*.gif$\n", "/a.gifx", true, ""},
    {"§2.2.3", "User-agent: *\nDisallow: /*.gif$\n", "/a.gif?x=1", true, ""},
    {"§2.2.3", "User-agent: *\nDisallow: /this/\nAllow: /this/path/exactly$\n",
     "/this/path/exactly", true, "allow /this/path/exactly$"},
    {"§2.2.3", "User-agent: *\nDisallow: /this/\nAllow: /this/path/exactly$\n",
     "/this/path/exactly/more", false, "disallow /this/"},
    {"§2.2.3", "User-agent: *\nDisallow: /*\n", "/", false, "disallow /*"},
    {"§2.2.3", "User-agent: *\nDisallow: *\n", "/x", false, "disallow *"},
    {"§2.2.3", "User-agent: *\nDisallow: /$\n", "/", false, "disallow /$"},
    {"§2.2.3", "User-agent: *\nDisallow: /$\n", "/index.html", true, ""},
    {"§2.2.3", "User-agent: *\nDisallow: /*?\n", "/a?b=1", false, "disallow /*?"},
    {"§2.2.3", "User-agent: *\nDisallow: /*?\n", "/a", true, ""},
    {"§2.2.3", "User-agent: *\nDisallow: /*/edit\n", "/wiki/page/edit?x", false,
     "disallow /*/edit"},
    {"§2.2.3", "User-agent: *\nAllow: /a\nDisallow: /a*\n", "/ab", false, "disallow /a*"},
    {"§2.2.3", "User-agent: *\nDisallow: /a$b\n", "/a$b", false, "disallow /a%24b"},
    {"§2.2.3", "User-agent: *\nDisallow: /a$b\n", "/ab", true, ""},
    {"§2.2.3", "User-agent: *\nDisallow: /path/file-with-a-%2A.html\n",
     "/path/file-with-a-*.html", false, "disallow /path/file-with-a-%2A.html"},
    {"§2.2.3", "User-agent: *\nDisallow: /path/file-with-a-%2A.html\n",
     "/path/file-with-a-x.html", true, ""},
    {"§2.2.3", "User-agent: *\nDisallow: /path/foo-%24\n", "/path/foo-$", false,
     "disallow /path/foo-%24"},
    {"§2.2.3", "User-agent: *\nDisallow: /a*b*c$\n", "/a/b/c", false, "disallow /a*b*c$"},
    {"§2.2.3", "User-agent: *\nDisallow: /a*b*c$\n", "/a/b/c/d", true, ""},
    {"§2.2.3", "User-agent: *\nDisallow: /*private*$\n", "/a/private/b", false,
     "disallow /*private*$"},

    // §2.2 and §2.3: line ends CR LF, CR or LF; a UTF-8 byte order mark.
    {"§2.2", "User-agent: gleaner\r\nDisallow: /x\r\nAllow: /x/y\r\n", "/x/y", true,
     "allow /x/y"},
    {"§2.2", "User-agent: gleaner\rDisallow: /x\rAllow: /x/y\r", "/x/z", false, "disallow /x"},
    {"§2.2", "User-agent: gleaner\r\n\r\nDisallow: /x\n\rAllow: /x/y", "/x/y", true,
     "allow /x/y"},
    {"§2.2", "User-agent: gleaner\nDisallow: /x", "/x", false, "disallow /x"},
    {"§2.3", "\xEF\xBB\xBF" "User-agent: gleaner\nDisallow: /x\n", "/x", false, "disallow /x"},
    {"§2.3", "\xEF\xBB\xBF" "\r\nUser-agent: *\r\nDisallow: /x\r\n", "/x", false,
     "disallow /x"},
    {"§2.3", "User-agent: *\n\xEF\xBB\xBF" "Disallow: /x\n", "/x", true, ""},
};

}  // namespace

TEST_CASE("the robots matcher decides as RFC 9309 says, row by row") {
  CHECK(std::size(cases) >= 100);
  for (const Case& row : cases) {
    CAPTURE(row.section);
    CAPTURE(row.robots);
    CAPTURE(row.agent);
    CAPTURE(row.path);
    const RobotsDecision decision = parse_robots(row.robots, row.agent).decide(row.path);
    CHECK(decision.allowed == row.allowed);
    if (row.rule != nullptr) CHECK(describe(decision) == row.rule);
  }
}

TEST_CASE("a deciding rule carries the line it was written on") {
  const RobotsRules rules = parse_robots(
      "\xEF\xBB\xBF# comment\r\n"
      "User-agent: gleaner\r\n"
      "Allow: /a/b\r"
      "\n"
      "User-agent: *\n"
      "Disallow: /\n"
      "User-agent: Gleaner\n"
      "Disallow: /a\n",
      "gleaner");
  const RobotsDecision allowed = rules.decide("/a/b");
  REQUIRE(allowed.rule);
  CHECK(allowed.rule->line == 3);
  const RobotsDecision disallowed = rules.decide("/a/c");
  REQUIRE(disallowed.rule);
  CHECK(disallowed.rule->line == 7);
  CHECK(disallowed.rule->allow == false);
  CHECK(disallowed.rule->pattern == "/a");
}

TEST_CASE("a tie between equal rules goes to the one written first") {
  const RobotsRules rules =
      parse_robots("User-agent: *\nDisallow: /a\nDisallow: /*\nDisallow: /a\n", "gleaner");
  const RobotsDecision decision = rules.decide("/a");
  REQUIRE(decision.rule);
  CHECK(decision.rule->line == 2);
}

TEST_CASE("allow_all and disallow_all stand for a missing and an unreachable robots.txt") {
  // RFC 9309 §2.3.1.3: 4xx, allow all; §2.3.1.4: 5xx or unreachable, disallow all.
  CHECK(RobotsRules::allow_all().decide("/x").allowed);
  CHECK_FALSE(RobotsRules::allow_all().decide("/x").rule);
  CHECK_FALSE(RobotsRules::allow_all().crawl_delay());
  CHECK(RobotsRules::allow_all().sitemaps().empty());
  CHECK_FALSE(RobotsRules::disallow_all().allowed("/"));
  CHECK_FALSE(RobotsRules::disallow_all().allowed("/x?y"));
  CHECK_FALSE(RobotsRules::disallow_all().decide("/x").rule);
  // RFC 9309 §2.2.2: /robots.txt itself stays allowed, so it can be fetched again.
  CHECK(RobotsRules::disallow_all().allowed("/robots.txt"));
}

namespace {

struct DelayCase {
  const char* section;
  const char* robots;
  const char* agent;
  double seconds;  // negative: no crawl delay
};

const DelayCase delay_cases[] = {
    {"§2.2.4", "User-agent: *\nCrawl-delay: 10\n", "gleaner", 10},
    {"§2.2.4", "User-agent: *\nCrawl-delay: 0.5\n", "gleaner", 0.5},
    {"§2.2.4", "User-agent: *\nCrawl-delay: .25\n", "gleaner", 0.25},
    {"§2.2.4", "User-agent: *\nCrawl-delay: 0\n", "gleaner", 0},
    {"§2.2.4", "User-agent: *\ncrawl-DELAY :  3   # slow down\n", "gleaner", 3},
    {"§2.2.4", "User-agent: *\nCrawl-delay: -1\n", "gleaner", -1},
    {"§2.2.4", "User-agent: *\nCrawl-delay: 5s\n", "gleaner", -1},
    {"§2.2.4", "User-agent: *\nCrawl-delay: 1e3\n", "gleaner", -1},
    {"§2.2.4", "User-agent: *\nCrawl-delay: nan\n", "gleaner", -1},
    {"§2.2.4", "User-agent: *\nCrawl-delay: 1.2.3\n", "gleaner", -1},
    {"§2.2.4", "User-agent: *\nCrawl-delay: .\n", "gleaner", -1},
    {"§2.2.4", "User-agent: *\nCrawl-delay:\n", "gleaner", -1},
    {"§2.2.4", "Crawl-delay: 4\nUser-agent: *\nDisallow: /\n", "gleaner", -1},
    {"§2.2.4", "User-agent: *\nDisallow: /\n", "gleaner", -1},
    {"§2.2.4", "User-agent: *\nCrawl-delay: 7\nUser-agent: gleaner\nDisallow: /x\n", "gleaner",
     -1},
    {"§2.2.4", "User-agent: *\nCrawl-delay: 7\nUser-agent: gleaner\nCrawl-delay: 2\n", "gleaner",
     2},
    {"§2.2.4", "User-agent: *\nCrawl-delay: 7\nUser-agent: gleaner\nCrawl-delay: 2\n",
     "otherbot", 7},
    {"§2.2.4", "User-agent: gleaner\nCrawl-delay: 2\nUser-agent: gleaner\nCrawl-delay: 5\n",
     "gleaner", 5},
    {"§2.2.4", "User-agent: gleaner\nCrawl-delay: 5\nCrawl-delay: 1\n", "gleaner", 5},
    // A Crawl-delay line closes the list of agents: otherbot starts a group of its own.
    {"§2.2.4", "User-agent: otherbot\nCrawl-delay: 9\nUser-agent: gleaner\nDisallow: /\n",
     "gleaner", -1},
};

}  // namespace

TEST_CASE("Crawl-delay is a non-negative number of seconds from the selected groups") {
  for (const DelayCase& row : delay_cases) {
    CAPTURE(row.section);
    CAPTURE(row.robots);
    CAPTURE(row.agent);
    const auto delay = parse_robots(row.robots, row.agent).crawl_delay();
    if (row.seconds < 0) {
      CHECK_FALSE(delay);
    } else {
      REQUIRE(delay);
      CHECK(*delay == doctest::Approx(row.seconds));
    }
  }
}

TEST_CASE("Sitemap lines are recorded from anywhere in the file, in order") {
  // RFC 9309 §2.2.4: other records such as Sitemap are not part of any group.
  const RobotsRules rules = parse_robots(
      "Sitemap: https://shop.test/a.xml\n"
      "User-agent: otherbot\n"
      "sitemap :  https://shop.test/b.xml.gz   # compressed\n"
      "Disallow: /\n"
      "User-agent: gleaner\n"
      "Disallow: /x\n"
      "SITEMAP: https://shop.test/c.xml?x=1#frag\n"
      "Sitemap:\n",
      "gleaner");
  CHECK(rules.sitemaps() ==
        std::vector<std::string>{"https://shop.test/a.xml", "https://shop.test/b.xml.gz",
                                 "https://shop.test/c.xml?x=1"});
  CHECK_FALSE(rules.allowed("/x"));
  CHECK(rules.allowed("/y"));
}

TEST_CASE("a Sitemap line between user-agent lines does not split the group") {
  const RobotsRules rules = parse_robots(
      "User-agent: gleaner\nSitemap: https://shop.test/s.xml\nUser-agent: otherbot\n"
      "Disallow: /x\n",
      "gleaner");
  CHECK_FALSE(rules.allowed("/x"));
  CHECK(rules.sitemaps().size() == 1);
}

TEST_CASE("only the first 500 KiB are parsed, up to the last whole line") {
  // RFC 9309 §2.5.
  const std::string head = "User-agent: *\nDisallow: /early\n";
  auto padded = [&](std::size_t length) {
    std::string body = head;
    while (body.size() + 1 < length) body += body.size() % 80 == 79 ? '\n' : '#';
    body += '\n';
    return body;
  };

  SUBCASE("a rule wholly after the limit is ignored") {
    const std::string body = padded(robots_parse_limit) + "Disallow: /late\n";
    const RobotsRules rules = parse_robots(body, "gleaner");
    CHECK_FALSE(rules.allowed("/early"));
    CHECK(rules.allowed("/late"));
  }
  SUBCASE("a rule cut by the limit is ignored, not read as a shorter rule") {
    std::string body = padded(robots_parse_limit - 10) + "Disallow: /abcdefghijklmnop\n";
    CHECK(body.size() > robots_parse_limit);
    const RobotsRules rules = parse_robots(body, "gleaner");
    CHECK(rules.allowed("/abc"));
    CHECK(rules.allowed("/abcdefghijklmnop"));
  }
  SUBCASE("a line that ends exactly at the limit counts") {
    const std::string last = "Disallow: /edge";
    std::string body = padded(robots_parse_limit - last.size()) + last;
    REQUIRE(body.size() == robots_parse_limit);
    body += "\nDisallow: /late\n";
    const RobotsRules rules = parse_robots(body, "gleaner");
    CHECK_FALSE(rules.allowed("/edge"));
    CHECK(rules.allowed("/late"));
  }
  SUBCASE("a body under the limit is parsed whole, a last line without its end included") {
    const std::string body = padded(robots_parse_limit - 100) + "Disallow: /last";
    CHECK(body.size() < robots_parse_limit);
    CHECK_FALSE(parse_robots(body, "gleaner").allowed("/last"));
  }
  SUBCASE("one endless line gives no rules at all") {
    std::string body = "User-agent: * Disallow: /" + std::string(robots_parse_limit, 'x');
    body += "\nUser-agent: *\nDisallow: /\n";
    CHECK(parse_robots(body, "gleaner").allowed("/x"));
  }
}

TEST_CASE("pathological robots.txt files and paths finish") {
  // RFC 9309 §2.5 bounds the file; the matcher must stay linear within it.
  const std::string long_path = "/" + std::string(100'000, 'a');

  SUBCASE("many stars against a long path of the same octet") {
    std::string body = "User-agent: *\nAllow: /\n";
    for (int i = 0; i < 50; ++i) {
      body += "Disallow: /";
      for (int j = 0; j < 200 + i; ++j) body += "*a";
      body += "*b\n";
    }
    const RobotsRules rules = parse_robots(body, "gleaner");
    CHECK(rules.allowed(long_path));
    CHECK_FALSE(rules.allowed(long_path + "b"));
  }
  SUBCASE("a near-miss literal after a star") {
    const std::string body =
        "User-agent: *\nDisallow: /*" + std::string(50'000, 'a') + "b\n";
    const RobotsRules rules = parse_robots(body, "gleaner");
    CHECK(rules.allowed(long_path));
    CHECK_FALSE(rules.allowed(long_path + "b"));
  }
  SUBCASE("a file of nothing but distinct wildcard rules up to the limit") {
    std::string body = "User-agent: *\n";
    for (int i = 0; body.size() < robots_parse_limit; ++i) {
      body += "Disallow: /*x*" + std::to_string(i) + "$\n";
    }
    const RobotsRules rules = parse_robots(body, "gleaner");
    CHECK(rules.allowed(long_path.substr(0, 10'000)));
    CHECK_FALSE(rules.allowed("/x/7"));
  }
  SUBCASE("a file of one rule repeated up to the limit") {
    std::string body = "User-agent: *\n";
    while (body.size() < robots_parse_limit) body += "Disallow: /*x*y*z$\n";
    const RobotsRules rules = parse_robots(body, "gleaner");
    CHECK(rules.allowed(long_path));
    CHECK_FALSE(rules.allowed("/x/y/z"));
  }
  SUBCASE("a file far over the limit") {
    std::string body = "User-agent: *\nDisallow: /x\n";
    body += std::string(20 * robots_parse_limit, '\n');
    CHECK_FALSE(parse_robots(body, "gleaner").allowed("/x"));
  }
}
