#include "config/json_reader.hpp"

#include <string>

#include "config/json_syntax_error.hpp"
#include "config/text_position.hpp"

namespace gleaner::config {
namespace {

Error invalid_json(std::string_view text, std::string_view source_name, const SyntaxError& error) {
  const TextPosition position = position_at(text, error.offset);
  return make_error(ErrorKind::parse, std::string(source_name) + ':' +
                                          std::to_string(position.line) + ':' +
                                          std::to_string(position.column) +
                                          ": invalid JSON: " + error.message);
}

}  // namespace

Result<Json> read_json(std::string_view text, std::string_view source_name) {
  try {
    return Json::parse(text, nullptr, /*allow_exceptions=*/true, /*ignore_comments=*/true);
  } catch (const Json::parse_error& e) {
    return invalid_json(text, source_name, explain_syntax_error(text, e.byte, e.what()));
  } catch (const Json::out_of_range& e) {
    return invalid_json(text, source_name, explain_number_overflow(text, e.what()));
  } catch (const Json::exception& e) {
    return make_error(ErrorKind::parse,
                      std::string(source_name) + ": invalid JSON: " + std::string(e.what()));
  }
}

}  // namespace gleaner::config
