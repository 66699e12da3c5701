// Validates records against tests/data/record.schema.json (a copy of the shared contract).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "test_support.h"

namespace thidua::test {

// The record schema is draft 2020-12; valijson reads it as draft 7, which checks everything it uses
// except `prefixItems`, so the `at` pairs are checked by hand.
class SchemaChecker {
 public:
  SchemaChecker() {
    nlohmann::json schema_doc =
        nlohmann::json::parse(read_file(source_path("tests/data/record.schema.json")));
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter adapter(schema_doc);
    parser.populateSchema(adapter, schema_);
  }
  std::string errors(const nlohmann::json& record) const {
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter adapter(record);
    std::string out;
    if (!validator.validate(schema_, adapter, &results)) {
      valijson::ValidationResults::Error e;
      while (results.popError(e)) {
        std::string where;
        for (const auto& p : e.context) where += p;
        out += where + ": " + e.description + "\n";
      }
    }
    return out;
  }

 private:
  valijson::Schema schema_;
};

}  // namespace thidua::test
