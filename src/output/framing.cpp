#include "output/framing.hpp"

namespace gleaner::output {

Framing framing_for(config::DatasetFormat format, const std::string& csv_header) {
  switch (format) {
    case config::DatasetFormat::json:
      return Framing{"[", "\n", ",\n", "", "\n]\n", "]\n"};
    case config::DatasetFormat::csv:
      return Framing{csv_header + "\r\n", "", "", "\r\n", "", ""};
    case config::DatasetFormat::jsonl:
      break;
  }
  return Framing{"", "", "", "\n", "", ""};
}

}  // namespace gleaner::output
