// SqliteStatement: a prepared SQLite statement (RAII over sqlite3_stmt*),
// prepared once by SqliteConnection and reused for every row. Each execution
// goes through a Use, which resets the statement when it ends, so that no
// statement keeps a read snapshot open between executions.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace gleaner::state {

class SqliteStatement {
 public:
  // One execution: bind parameters (numbered from 1), step through the rows,
  // read the current row's columns (numbered from 0).
  class Use {
   public:
    explicit Use(SqliteStatement& statement) : statement_(statement) {}
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;
    ~Use();

    Use& bind(int index, std::int64_t value);
    Use& bind(int index, std::string_view text);  // the bytes as given, NULs included
    // SQLite integers are signed: the value's 64 bits are stored as they are.
    Use& bind_unsigned(int index, std::uint64_t value);

    // True: a row is ready to read; false: no more rows.
    Result<bool> step();
    // Steps a statement that returns no rows.
    Result<void> run();

    std::int64_t integer(int column) const;
    std::uint64_t unsigned_integer(int column) const;  // the inverse of bind_unsigned
    std::string text(int column) const;                // "" for NULL
    bool is_null(int column) const;

   private:
    Use& check_bound(int index, int status);

    SqliteStatement& statement_;
    std::string bind_error_;  // the first failed bind, reported by step()
  };

  SqliteStatement() = default;  // none yet; assign a prepared one before use
  // `context` starts every error message: "PATH: what the statement does".
  SqliteStatement(sqlite3_stmt* statement, std::string context);
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement& operator=(SqliteStatement&& other) noexcept;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;
  ~SqliteStatement();

  Use use() { return Use(*this); }

 private:
  Error error(std::string_view why) const;

  sqlite3_stmt* statement_ = nullptr;
  std::string context_;
};

}  // namespace gleaner::state
