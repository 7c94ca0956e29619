// The shape of one year of the working-day calendar, as shipped in data/ and as supplied by secadmin.

/** One dated entry of a year's schedule: a day off (holiday) or a make-up workday (调休上班). */
export interface CalendarDay {
  /** Local date in Asia/Shanghai, 'YYYY-MM-DD'. */
  readonly date: string;
  /** The festival it belongs to, e.g. '春节' or '春节调休'. */
  readonly name: string;
}

/** One year's official schedule: the days off and the weekend days that are worked instead. */
export interface CalendarYear {
  readonly year: number;
  /** Where the schedule comes from: the notice's title and document number. */
  readonly source: string;
  /** Days off under the notice (放假), weekend days inside a holiday period included. */
  readonly holidays: readonly CalendarDay[];
  /** Weekend days that are working days (调休上班). */
  readonly workdays: readonly CalendarDay[];
}
