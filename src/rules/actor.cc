// Who must act on a finding, as rule files spell it and as reports name it.
#include "rules/rule.h"

#include <fmt/format.h>

namespace rurume {

namespace {

struct ActorRow {
  Actor actor;
  std::string_view key;
};

constexpr ActorRow kActors[] = {
    {Actor::Facility, "facility"},
    {Actor::FacilityAdmin, "facility_admin"},
    {Actor::OriginFacility, "origin_facility"},
    {Actor::GroupAdmin, "group_admin"},
    {Actor::Secretariat, "secretariat"},
};

}  // namespace

std::string_view ActorKey(Actor a) {
  for (const ActorRow& r : kActors)
    if (r.actor == a) return r.key;
  return {};
}

std::optional<Actor> ActorFromKey(std::string_view key) {
  for (const ActorRow& r : kActors)
    if (r.key == key) return r.actor;
  return std::nullopt;
}

std::string ActorText(Actor a, std::string_view facility, Lang lang) {
  const bool en = lang == Lang::En;
  const bool known = !facility.empty();
  switch (a) {
    case Actor::Facility:
      if (!known) return en ? "the facility" : "事業所";
      return en ? fmt::format("facility {}", facility) : fmt::format("事業所 {}", facility);
    case Actor::FacilityAdmin:
      if (!known) return en ? "the facility's MCS administrator" : "事業所の MCS管理者";
      return en ? fmt::format("MCS administrator of {}", facility) : fmt::format("{} の MCS管理者", facility);
    case Actor::OriginFacility:
      if (!known) return en ? "the originating facility" : "連携元事業所";
      return en ? fmt::format("originating facility {}", facility) : fmt::format("連携元事業所 {}", facility);
    case Actor::GroupAdmin:
      if (!known) return en ? "the group's administrator" : "グループの管理者";
      return en ? fmt::format("group administrator ({})", facility) : fmt::format("グループの管理者 ({})", facility);
    case Actor::Secretariat: return en ? "the medical association's secretariat" : "医師会事務局";
  }
  return {};
}

}  // namespace rurume
