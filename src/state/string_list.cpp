#include "state/string_list.hpp"

#include <nlohmann/json.hpp>

namespace gleaner::state {

std::string encode_string_list(const std::vector<std::string>& list) {
  const nlohmann::json array = list;
  return array.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<std::vector<std::string>> decode_string_list(std::string_view text) {
  const nlohmann::json array = nlohmann::json::parse(text, nullptr, false);
  if (!array.is_array()) return std::nullopt;
  std::vector<std::string> list;
  list.reserve(array.size());
  for (const auto& element : array) {
    if (!element.is_string()) return std::nullopt;
    list.push_back(element.get<std::string>());
  }
  return list;
}

}  // namespace gleaner::state
