// Status and Result: how the library reports failure without throwing across its API.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace thidua {

// Where a failure happened: the input or rule file, the line in it (0 when unknown),
// and the rule involved (empty when none).
struct Status {
  Status(std::string code_, std::string message_, std::string file_ = {}, int line_ = 0,
         std::string rule_ = {})
      : code(std::move(code_)),
        message(std::move(message_)),
        file(std::move(file_)),
        line(line_),
        rule(std::move(rule_)) {}

  std::string code;     // machine-readable, e.g. "read_failed", "binary_input"
  std::string message;  // one human sentence
  std::string file;
  int line = 0;
  std::string rule;

  // "file:line: rule: message", leaving out the parts that are unknown.
  std::string describe() const;
};

// Something a reader of the record should check; it does not stop the document.
struct Warning {
  std::string code;  // e.g. "invalid_utf8", "broken_entity", "truncated"
  std::string message;
};

template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}       // NOLINT: implicit by design
  Result(Status error) : state_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<T>(state_); }
  const T& value() const { return std::get<T>(state_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Status& error() const { return std::get<Status>(state_); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace thidua
