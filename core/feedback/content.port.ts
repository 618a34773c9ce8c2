/**
 * What the complaint center needs from WeChat besides the database, without the SDK: the content
 * checks (security.msgSecCheck v2, security.mediaCheckAsync v2) and cloud storage (to inspect an
 * uploaded image and to hand out temporary URLs). Implemented with `cloud.openapi` and
 * `cloud.downloadFile`/`getTempFileURL` in cloudfunctions/shared/content.ts; tests pass their own.
 */

/** WeChat's scenes for content checks: 1 资料, 2 评论, 3 论坛, 4 社交日志. A feedback post is a forum post. */
export type CheckScene = 1 | 2 | 3 | 4;

export interface TextVerdict {
  suggest: 'pass' | 'review' | 'risky';
  /** 100 normal; 10001 ad, 20001 politics, 20002 porn, 20003 abuse, 20006 illegal, 20008 fraud, 20012 vulgar, 20013 copyright, 21000 other. */
  label: number | null;
  traceId: string | null;
}

export interface ContentChecks {
  /** The text's verdict for this author and scene; null when the check could not be reached (nothing is then stored). */
  checkText(input: { openid: string; scene: CheckScene; content: string }): Promise<TextVerdict | null>;
  /** Starts the image check: its verdict arrives later as a `wxa_media_check` event carrying this trace id; null when the call failed. */
  checkImage(input: { openid: string; scene: CheckScene; mediaUrl: string }): Promise<{ traceId: string } | null>;
}

export interface FileStore {
  /** The file's size and first bytes (to recognise JPEG/PNG/WebP by content); null when there is no such file. */
  inspect(fileId: string): Promise<{ bytes: number; head: Uint8Array } | null>;
  /** Temporary download URLs by file id; a file that cannot be resolved is left out. */
  tempUrls(fileIds: readonly string[]): Promise<Map<string, string>>;
}

export interface FeedbackPorts {
  checks: ContentChecks;
  files: FileStore;
}
