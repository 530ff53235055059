#include "output/download_store.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace gleaner::output {
namespace {

namespace fs = std::filesystem;

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// "report.PDF" in ".../files/report.PDF?v=2" -> "pdf"; "" when the last path
// segment has no short alphanumeric extension.
std::string extension_from_url(std::string_view url) {
  const std::size_t end = std::min(url.find('?'), url.find('#'));
  std::string_view path = url.substr(0, end);
  const std::size_t scheme = path.find("://");
  if (scheme != std::string_view::npos) path.remove_prefix(std::min(path.size(), path.find('/', scheme + 3)));
  const std::string_view segment = path.substr(path.rfind('/') + 1);
  const std::size_t dot = segment.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return "";
  const std::string_view extension = segment.substr(dot + 1);
  if (extension.empty() || extension.size() > 8 || !std::all_of(extension.begin(), extension.end(), is_alnum)) {
    return "";
  }
  std::string result(extension);
  std::transform(result.begin(), result.end(), result.begin(), lower);
  return result;
}

std::string extension_from_media_type(std::string_view media_type) {
  static constexpr std::pair<std::string_view, std::string_view> known[] = {
      {"application/pdf", "pdf"},  {"application/json", "json"}, {"application/xml", "xml"},
      {"text/xml", "xml"},         {"text/csv", "csv"},          {"text/plain", "txt"},
      {"application/zip", "zip"},  {"application/gzip", "gz"},   {"image/png", "png"},
      {"image/jpeg", "jpg"},       {"image/gif", "gif"},         {"image/webp", "webp"},
      {"image/svg+xml", "svg"},    {"image/avif", "avif"},
  };
  for (const auto& [type, extension] : known) {
    if (type == media_type) return std::string(extension);
  }
  return "bin";
}

}  // namespace

std::string media_type_of(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
  std::string result(type);
  std::transform(result.begin(), result.end(), result.begin(), lower);
  return result;
}

DownloadStore::DownloadStore(std::string dir, std::vector<std::string> content_types)
    : dir_(std::move(dir)), content_types_(std::move(content_types)) {}

bool DownloadStore::wants(std::string_view content_type) const {
  const std::string media_type = media_type_of(content_type);
  return std::any_of(content_types_.begin(), content_types_.end(), [&](const std::string& wanted) {
    if (wanted == "*/*") return true;
    if (wanted.size() > 2 && wanted.compare(wanted.size() - 2, 2, "/*") == 0) {
      return media_type.compare(0, wanted.size() - 1, wanted, 0, wanted.size() - 1) == 0;
    }
    return wanted == media_type;
  });
}

Result<std::string> DownloadStore::save(const Download& download, std::string_view stem) {
  std::string extension = extension_from_url(download.final_url);
  if (extension.empty()) extension = extension_from_media_type(media_type_of(download.content_type));
  const fs::path path = fs::path(dir_) / (std::string(stem) + "." + extension);
  const fs::path temporary = fs::path(path).concat(".part");

  std::error_code error;
  fs::create_directories(dir_, error);
  if (error) return make_error(ErrorKind::io, dir_ + ": cannot create the download directory: " + error.message());
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file.write(download.body.data(), static_cast<std::streamsize>(download.body.size()));
    if (!file.flush()) return make_error(ErrorKind::io, temporary.string() + ": write failed");
  }
  fs::rename(temporary, path, error);
  if (error) return make_error(ErrorKind::io, path.string() + ": cannot rename into place: " + error.message());

  const nlohmann::json line = {
      {"url", download.url},
      {"final_url", download.final_url},
      {"file", path.filename().string()},
      {"content_type", download.content_type},
      {"bytes", download.body.size()},
      {"fetched_at", download.fetched_at},
  };
  const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  const std::lock_guard lock(manifest_mutex_);
  std::ofstream manifest(fs::path(dir_) / "manifest.jsonl", std::ios::binary | std::ios::app);
  manifest << text;
  if (!manifest.flush()) return make_error(ErrorKind::io, dir_ + "/manifest.jsonl: write failed");
  return path.string();
}

}  // namespace gleaner::output
