/** Settings of the status command, shared by the Action and `bucket-keys status`. Pure. */
import { integerSetting } from "../apply/apply-settings.ts";
import { InputError } from "../../contracts/errors.ts";
import { settingName, stringSetting, type RawSettings, type SettingSource } from "../settings/setting-source.ts";

export interface StatusSettings {
  accountId: string;
  region: string;
  /** Only the jobs of this pull request; undefined for every pull request. */
  pullRequest: number | undefined;
  /** Only the jobs of this plan; undefined for the newest applied plan of each bucket. */
  planId: string | undefined;
}

export function validateStatusSettings(raw: RawSettings, source: SettingSource): StatusSettings {
  const accountId = stringSetting(raw, "account-id");
  if (accountId === undefined || !/^\d{12}$/.test(accountId)) {
    throw new InputError("account-id", `${settingName("account-id", source)}: ${accountId === undefined ? "is required for status" : `"${accountId}" is not`} a 12-digit AWS account id (for example "111122223333").`);
  }
  const region = stringSetting(raw, "region");
  if (region === undefined || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    throw new InputError("region", `${settingName("region", source)}: ${region === undefined ? "is required for status" : `"${region}" is not`} an AWS Region name like "us-east-1".`);
  }
  const pullRequest = stringSetting(raw, "pull-request") === undefined ? undefined : integerSetting(raw, "pull-request", source, { fallback: 0, min: 1, max: 2_147_483_647 });
  const planId = stringSetting(raw, "plan-id");
  if (planId !== undefined && !/^[0-9a-f]{16}$/.test(planId)) {
    throw new InputError("plan-id", `${settingName("plan-id", source)}: "${planId}" is not a plan id (16 lowercase hex characters, the "id" field of plan.json).`);
  }
  return { accountId, region, pullRequest, planId };
}
