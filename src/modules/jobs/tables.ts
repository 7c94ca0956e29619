// Row types of the job tables.

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'dead' | 'cancelled';

export interface JobRow {
  id: string;
  type: string;
  payload: string;
  status: JobStatus;
  priority: number;
  run_at: string;
  attempts: number;
  max_attempts: number;
  idempotency_key: string | null;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  result: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface ScheduleRow {
  name: string;
  type: string;
  payload: string;
  interval_seconds: number;
  next_run_at: string;
  enabled: number;
  updated_at: string;
}

export interface JobTables {
  jobs: JobRow;
  job_schedules: ScheduleRow;
}
