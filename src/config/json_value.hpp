// The JSON document type the job loader walks. Ordered, because a job's fields
// keep the order the file lists them in and nlohmann::json sorts object keys.
#pragma once

#include <nlohmann/json.hpp>

namespace gleaner::config {

using Json = nlohmann::ordered_json;

}  // namespace gleaner::config
