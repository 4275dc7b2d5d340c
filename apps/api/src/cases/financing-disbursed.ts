/**
 * Financing disbursed through the platform (通过平台实现的融资): the one definition every figure of it
 * uses — the pipeline's statistics (totals, per bank, county, category and month), the plan's
 * FINANCING_DISBURSED indicator and an event report's disbursed amounts. It is the sum of the
 * tranches (放款) disbursed on or before a date, the date in Zhanjiang (today unless asked): a
 * tranche dated later has not happened and counts nowhere. A case's `disbursed_total` is the running
 * sum the tranche rule checks against the approval, not a figure to report.
 */

/**
 * A subquery of the amount disbursed per case as of `asOfDate`, a SQL expression of a date (a bound
 * parameter, e.g. `$1::date`): rows `(case_id, disbursed)`; cases without a tranche by then have no row.
 * `caseIds` (an SQL expression of a uuid[], e.g. `$2::uuid[]`) limits it to those cases, so that the
 * figures of a few cases (an event's intents) read their tranches only, not every tranche.
 */
export function disbursedByCaseSql(asOfDate: string, caseIds?: string): string {
  return `(SELECT case_id, sum(amount) AS disbursed FROM case_tranches WHERE disbursed_on <= ${asOfDate}${caseIds ? ` AND case_id = ANY(${caseIds})` : ''} GROUP BY case_id)`;
}

/** The tranches counted as of `asOfDate` (a SQL date expression), for sums by month: `case_tranches` rows. */
export function tranchesAsOfSql(asOfDate: string): string {
  return `(SELECT * FROM case_tranches WHERE disbursed_on <= ${asOfDate})`;
}
