// walk_object: visits a JSON object's members in file order, handing each
// known key to its reader and reporting unknown and missing keys. The spine of
// the job schema walker.
#pragma once

#include <functional>
#include <initializer_list>
#include <string_view>

#include "config/diagnostics.hpp"
#include "config/json_pointer.hpp"
#include "config/json_value.hpp"

namespace gleaner::config {

enum class Presence { optional, required };

struct MemberRule {
  std::string_view key;
  Presence presence = Presence::optional;
  std::function<void(const Json& value, const JsonPointer& where)> read;
};

// Returns false, after reporting "expected <expected>, found ...", when
// `value` is not an object; otherwise true, even if members had problems.
bool walk_object(const Json& value, const JsonPointer& where, std::string_view expected,
                 std::initializer_list<MemberRule> rules, Diagnostics& sink);

}  // namespace gleaner::config
