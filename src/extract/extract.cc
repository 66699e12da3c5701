#include "extract.h"

#include <algorithm>

#include "extract_context.h"

namespace thidua {

void extract_fields(const NormalizedText& text, const RuleSet& rules, Record& record) {
  extract::Context c(text, rules);
  extract::extract_layout(c, record);
  extract::extract_bloc(c, record);
  extract::extract_meeting(c, record);  // needs the bloc: no bloc, no bloc meeting
  extract::extract_people(c, record);
  extract::extract_decisions(c, record);  // needs the meeting type
  extract::extract_documents(c, record);
  if (c.truncated) record.warnings.push_back({"truncated", "the text ends mid-sentence"});
}

const std::vector<std::string_view>& fields_read() {
  // Kept in step with the extractors by a test that reads every c.find("...") in src/extract_*.cc.
  static const std::vector<std::string_view> fields = {
      "bloc.count",
      "bloc.count_not",
      "bloc.count_phrase",
      "bloc.mention",
      "bloc.multi_province",
      "bloc.own_province",
      "bloc.party_body",
      "bloc.plural_pair",
      "bloc.time_count",
      "members.noun_only",
      "bloc.province_mention",
      "date",
      "date.event_prefix",
      "date.span_next",
      "date.span_word",
      "decision",
      "decision.aim",
      "decision.at_meeting",
      "decision.award_year",
      "decision.collective_speaker",
      "decision.counted",
      "decision.enumerator",
      "decision.meeting_act",
      "decision.counted_list",
      "decision.for_discussion",
      "decision.imperative",
      "decision.lead_in",
      "decision.meeting_named",
      "decision.consent_lead",
      "decision.consequence",
      "decision.habit",
      "decision.named_comma",
      "decision.signing_recalled",
      "decision.not",
      "decision.passed_on",
      "decision.passive_goes_on",
      "decision.past",
      "decision.past_relative",
      "decision.period_subject",
      "decision.plan_period",
      "decision.role_term",
      "decision.signing_reported",
      "decision.signing_side",
      "decision.speaker_verb",
      "decision.speech_comma",
      "decision.speech",
      "decision.tail",
      "decision.work_needs",
      "document",
      "layout.byline",
      "layout.caption",
      "layout.chrome",
      "layout.date_tail",
      "layout.footer",
      "layout.photo_caption",
      "layout.prefix",
      "layout.title_tail",
      "meeting.evidence",
      "meeting.location",
      "meeting.location_event",
      "meeting.location_held",
      "meeting.location_not",
      "meeting.other_event",
      "meeting.period",
      "meeting.plan_year",
      "meeting.report_heard",
      "meeting.result",
      "meeting.reviewed_year",
      "meeting.type",
      "meeting.type_not",
      "member.not_unit",
      "member.role",
      "member.role_not_held",
      "members.end",
      "members.division",
      "members.examples",
      "members.guest",
      "members.people_count",
      "members.topics",
      "members.intro",
      "person",
      "person.named_place",
      "person.role",
      "published",
      "year",
  };
  return fields;
}

const std::vector<std::string_view>& lists_read() {
  // Kept in step with the extractors by a test that reads every c.phrases("...") and gazetteer("...").
  static const std::vector<std::string_view> lists = {
      "abbreviations",   "bloc_kinds",   "comma_names",    "conjunctions",     "copulas",
      "count_nouns",     "counts",       "dangling_words", "decision_joiners", "honorifics",
      "issuer_cuts",     "joined_names", "location_cuts",  "months",           "name_openers",
      "name_stops",      "not_persons",  "parent_links",   "place_units",      "plural_words",
      "provinces",       "ranks",        "role_agents",    "role_joiners",     "supra_provincial",
      "territory_words", "title_cuts",   "titles",         "unit_separators",  "units",
  };
  return lists;
}

std::vector<Status> check_fields_read(const RuleSet& rules) {
  std::vector<Status> out;
  for (std::string_view list : lists_read())
    if (!rules.gazetteer(list))
      out.push_back({"missing_list", "the extractors read the list '" + std::string(list) +
                                         "', which no rule file declares (list NAME = lists/FILE.txt)"});
  const auto& read = fields_read();
  for (const auto& rule : rules.rules())
    if (std::find(read.begin(), read.end(), rule.field) == read.end())
      out.push_back({"unread_field", "no extractor reads the field '" + rule.field + "'", rule.file,
                     rule.line, rule.name});
  // And the other way: a field the extractors read with no rule would silently find nothing (a --rules
  // folder that is empty, partial or misspelt).
  for (std::string_view field : read) {
    bool has_rule = std::any_of(rules.rules().begin(), rules.rules().end(),
                                [&](const Rule& rule) { return rule.field == field; });
    if (!has_rule)
      out.push_back({"missing_field", "no rule gives the field '" + std::string(field) +
                                          "', which the extractors read: the rules are incomplete"});
  }
  return out;
}

RuleSet load_checked_rules(const std::string& dir, std::vector<Status>& errors) {
  RuleSet rules = dir.empty() ? RuleSet::load_builtin(errors) : RuleSet::load_directory(dir, errors);
  if (errors.empty()) errors = check_fields_read(rules);
  return rules;
}

}  // namespace thidua
