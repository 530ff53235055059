#include "extract/record_metadata.hpp"

namespace gleaner::extract {
namespace {

nlohmann::ordered_json string_or_null(const std::string& text) {
  if (text.empty()) return nullptr;
  return text;
}

}  // namespace

nlohmann::ordered_json metadata_value(std::string_view name, const PageContext& context,
                                      const config::ItemRule& item) {
  if (name == "url") return context.url.str();
  if (name == "final_url") return context.final_url.empty() ? context.url.str() : context.final_url;
  if (name == "status") return context.status;
  if (name == "fetched_at") return string_or_null(context.fetched_at);
  if (name == "depth") return context.depth;
  if (name == "referer") return string_or_null(context.referer);
  if (name == "item") return item.name;
  return nullptr;  // config accepts no other name
}

}  // namespace gleaner::extract
