#include "output/dataset_format.hpp"

#include <filesystem>

#include "html/ascii.hpp"

namespace gleaner::output {

config::DatasetFormat dataset_format_for(std::string_view path, std::optional<config::DatasetFormat> chosen) {
  if (chosen) return *chosen;
  const std::string extension = html::ascii_lower(std::filesystem::path(path).extension().string());
  if (extension == ".json") return config::DatasetFormat::json;
  if (extension == ".csv") return config::DatasetFormat::csv;
  return config::DatasetFormat::jsonl;
}

}  // namespace gleaner::output
