// Result<T>: a value or an Error, shaped like std::expected so that moving to
// C++23 is a one-line alias. Used wherever a call can fail in a normal way.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace gleaner {

enum class ErrorKind {
  invalid_argument,  // the caller (often the user, through a job) gave bad input
  parse,             // text that does not follow its grammar (JSON, selector, URL)
  io,                // a file could not be read or written
  not_found,
  busy,              // held by someone else (another run's lock)
};

struct Error {
  ErrorKind kind = ErrorKind::invalid_argument;
  std::string message;
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : storage_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : storage_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool has_value() const { return storage_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & { assert(has_value()); return std::get<0>(storage_); }
  const T& value() const& { assert(has_value()); return std::get<0>(storage_); }
  T&& value() && { assert(has_value()); return std::get<0>(std::move(storage_)); }
  const Error& error() const { assert(!has_value()); return std::get<1>(storage_); }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Error> storage_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT

  bool has_value() const { return !error_.has_value(); }
  explicit operator bool() const { return has_value(); }
  const Error& error() const { assert(!has_value()); return *error_; }

 private:
  std::optional<Error> error_;
};

inline Error make_error(ErrorKind kind, std::string message) {
  return Error{kind, std::move(message)};
}

}  // namespace gleaner
