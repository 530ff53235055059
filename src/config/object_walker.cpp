#include "config/object_walker.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "config/closest_key.hpp"

namespace gleaner::config {

bool walk_object(const Json& value, const JsonPointer& where, std::string_view expected,
                 std::initializer_list<MemberRule> rules, Diagnostics& sink) {
  if (!value.is_object()) {
    sink.expected(where, expected, value);
    return false;
  }
  std::vector<std::string_view> known;
  for (const MemberRule& rule : rules) known.push_back(rule.key);

  // Members in file order, so the first problem reported is the first in the file.
  for (const auto& [key, member] : value.items()) {
    const JsonPointer member_where = where.child(key);
    const auto rule = std::find_if(rules.begin(), rules.end(),
                                   [&](const MemberRule& r) { return r.key == key; });
    if (rule != rules.end()) {
      rule->read(member, member_where);
    } else if (auto suggestion = closest_key(key, known)) {
      sink.report(member_where, "unknown key (did you mean \"" + std::string(*suggestion) + "\"?)");
    } else {
      sink.report(member_where, "unknown key");
    }
  }
  for (const MemberRule& rule : rules) {
    if (rule.presence == Presence::required && !value.contains(rule.key)) {
      sink.report(where, "missing required key \"" + std::string(rule.key) + "\"");
    }
  }
  return true;
}

}  // namespace gleaner::config
