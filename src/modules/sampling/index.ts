// The sampling module (CTL-1): a random schedule, reproducible yet unpredictable draws, follow-up cases.
export { getSchedule, configureSchedule, checkTargets, drawNextDate, SamplingError, MAX_SAMPLE_INTERVAL_DAYS, type SampleSchedule, type ScheduleInput, type SampleTargets } from './schedule.ts';
export { drawSample, listSamples, getSample, replaySample, runDueSample, sampleWindow, SAMPLE_DUE_DAYS, SAMPLE_LOOKUPS, type SampleView, type SampledEmployee, type SamplingDeps, type DrawInput } from './draw.ts';
export { newSeed, seededRandom, pickIndices, randomDays, type SeededRandom } from './random.ts';
export { danishDate, danishMidnight, addDays, isCalendarDate, dateColumn } from './dates.ts';
