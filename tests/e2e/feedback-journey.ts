import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { settled, signInAs, visible, fire, open, type World } from './harness';
import type { Journey } from './journeys';

type Doc = Record<string, unknown>;

const TEXT = '希望出一款小份量的试饮装，新品想先尝再决定要不要买整包';
const REPLY = '好主意！试饮装已排进下个月的计划，上线后会员优先领取。';

/** A photo the way a phone's album hands it over: a real PNG, drawn by the browser itself. */
async function photo(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 480;
    canvas.height = 360;
    const g = canvas.getContext('2d')!;
    const sky = g.createLinearGradient(0, 0, 0, 360);
    sky.addColorStop(0, '#f4e9dc');
    sky.addColorStop(1, '#d9bfa0');
    g.fillStyle = sky;
    g.fillRect(0, 0, 480, 360);
    g.fillStyle = '#6b4226';
    g.fillRect(170, 120, 140, 170);
    g.beginPath();
    g.arc(310, 200, 36, -Math.PI / 2, Math.PI / 2);
    g.lineWidth = 14;
    g.strokeStyle = '#6b4226';
    g.stroke();
    g.fillStyle = '#f8f1e7';
    g.fillRect(185, 140, 110, 18);
    return canvas.toDataURL('image/png');
  });
  return Buffer.from(dataUrl.split(',')[1], 'base64');
}

const postOf = (world: World) => world.emu.db.find({ collection: 'feedback_posts', query: { text: TEXT }, limit: 1 })[0] as Doc | undefined;

export const feedbackJourney: Journey = {
  name: 'the complaint center: a member posts with a photo; a moderator approves it from the queue and replies; another member finds it and says 我也是; the moderator resolves and rewards it; the author sees the reply, the status, the points and the messages',
  async run(world) {
    const contexts: BrowserContext[] = [];
    const phone = async (persona: string) => {
      const context = await world.newContext();
      contexts.push(context);
      const page = await context.newPage();
      await signInAs(world, page, persona);
      return page;
    };

    // 周周 opens the board from home, then 我要吐槽.
    const author = await phone('repeat_buyer');
    await visible(author, 'feedback-entry').click();
    await visible(author, 'feedback-list').waitFor();
    await settled(author, 'feedback-board');
    await world.shot(author, '56-feedback-board');
    await visible(author, 'feedback-new').click();
    await visible(author, 'feedback-form').waitFor();
    await visible(author, 'feedback-form-category-suggestion').click();
    await author.locator('[data-testid="feedback-form-text"]:visible textarea').fill(TEXT);
    const chooser = author.waitForEvent('filechooser');
    await visible(author, 'feedback-form-image-add').click();
    await (await chooser).setFiles({ name: 'trial-pack.png', mimeType: 'image/png', buffer: await photo(author) });
    await author.locator('[data-testid="feedback-form-image"][data-state="done"]:visible').waitFor();
    await settled(author, 'feedback-form');
    await world.shot(author, '57-feedback-compose');
    await visible(author, 'feedback-form-submit').click();
    await visible(author, 'feedback-subscribe-sheet').waitFor();
    await world.shot(author, '58-feedback-subscribe-sheet');
    await visible(author, 'feedback-subscribe-sheet-allow').click();
    await author.locator('[data-testid="feedback-posted"][data-reviewed="true"]:visible').waitFor();
    await world.shot(author, '59-feedback-posted-in-review');
    const posted = postOf(world);
    assert.ok(posted, 'the post is stored');
    assert.equal(posted.review, 'pending');
    const postId = posted._id as string;
    assert.equal((posted.images as Doc[]).length, 1, 'with its photo');

    // Waiting for review, nobody else sees it.
    const other = await phone('buyer');
    await open(world, other, 'packages/feedback/index');
    await visible(other, 'feedback-list').waitFor();
    assert.equal(await other.locator(`[data-testid="feedback-card"][data-post-id="${postId}"]`).count(), 0, 'a post in review is on no one else’s board');

    // The moderator finds it in the queue (waiting time, the checks, the author) and approves it in one tap.
    const moderator = await phone('moderator');
    await visible(moderator, 'admin-entry').click();
    await visible(moderator, 'admin-feedback-entry').click();
    const card = moderator.locator('[data-testid="admin-feedback-card"]:visible', { hasText: TEXT });
    await card.waitFor();
    await settled(moderator, 'admin-feedback-queue');
    await world.shot(moderator, '60-admin-feedback-queue');
    await card.locator('[data-testid="admin-feedback-approve"]').click();
    await card.waitFor({ state: 'detached' });
    assert.equal(postOf(world)?.review, 'published');

    // ... and answers in public from the post's page.
    await open(world, moderator, `packages/admin/feedback-post?id=${postId}`);
    await visible(moderator, 'admin-feedback-post').waitFor();
    await moderator
      .locator('[data-testid="admin-feedback-reply-input"]:visible textarea, [data-testid="admin-feedback-reply-input"]:visible input')
      .first()
      .fill(REPLY);
    await visible(moderator, 'admin-feedback-reply-send').click();
    await moderator.locator('[data-testid="admin-feedback-reply"]:visible', { hasText: REPLY }).waitFor();

    // 林夕 finds it on the board and says 我也是, then follows it (allowing the resolved message).
    await open(world, other, 'packages/feedback/index');
    const vote = other.locator(`[data-testid="feedback-vote"][data-post-id="${postId}"]:visible`);
    await vote.waitFor();
    await vote.click();
    await other.locator(`[data-testid="feedback-vote"][data-post-id="${postId}"][data-voted="true"]:visible`).waitFor();
    assert.equal((await vote.locator('[data-testid="feedback-vote-count"]').innerText()).trim(), '1');
    await settled(other, 'feedback-board');
    await world.shot(other, '61-feedback-board-me-too');
    await open(world, other, `packages/feedback/detail?id=${postId}`);
    await visible(other, 'feedback-detail').waitFor();
    await visible(other, 'feedback-follow').click();
    await visible(other, 'feedback-subscribe-sheet-allow').click();
    await other.locator('[data-testid="feedback-follow"][data-following="true"]:visible').waitFor();
    await other.locator('[data-testid="feedback-reply"]:visible', { hasText: REPLY }).waitFor();
    await settled(other, 'feedback-detail');
    await world.shot(other, '62-feedback-thread-official-reply');

    // The moderator marks it resolved and rewards the idea (up to the brand's default).
    await open(world, moderator, `packages/admin/feedback-post?id=${postId}`);
    await visible(moderator, 'admin-feedback-status-resolved').click();
    await moderator.locator('[data-testid="admin-feedback-post"][data-status="resolved"]:visible').waitFor();
    await visible(moderator, 'admin-feedback-reward-confirm').click();
    await visible(moderator, 'admin-feedback-rewarded').waitFor();
    assert.equal((await visible(moderator, 'admin-feedback-rewarded').innerText()).trim(), '已奖励 200 积分');
    await settled(moderator, 'admin-feedback-post');
    await world.shot(moderator, '63-admin-feedback-post-resolved-rewarded');

    // The timers: the follower's message is queued, then every message goes out.
    await fire(world, 'feedback');
    await fire(world, 'notify-send');

    // 周周 sees the reply, the status and the reward on 我的反馈 and the thread, and the points in her history.
    await open(world, author, 'packages/feedback/mine');
    await author.locator(`[data-testid="feedback-mine-item"][data-post-id="${postId}"][data-review="published"][data-status="resolved"]:visible`).waitFor();
    await settled(author, 'feedback-mine-list');
    await world.shot(author, '64-feedback-mine');
    await open(world, author, `packages/feedback/detail?id=${postId}`);
    await author.locator('[data-testid="feedback-reply"]:visible', { hasText: REPLY }).waitFor();
    assert.match(await visible(author, 'feedback-detail-reward').innerText(), /200/);
    assert.match(await visible(author, 'feedback-status').innerText(), /已解决/);
    await settled(author, 'feedback-detail');
    await world.shot(author, '65-feedback-author-thread');
    await open(world, author, 'packages/points/index');
    await author.locator('[data-testid="points-history-row"]:visible', { hasText: '建议被采纳' }).waitFor();

    // The messages the emulator's WeChat delivered.
    const outbox = (await (await fetch(`${world.emu.url}/control/outbox`)).json()) as {
      messages: Array<{ touser: string; templateId: string; page?: string }>;
    };
    const about = outbox.messages.filter((m) => (m.page ?? '').includes(postId));
    const to = (openid: string) => about.filter((m) => m.touser === openid).map((m) => m.templateId);
    assert.ok(
      to('demo-repeat').includes('DEMO_TPL_FEEDBACK_UPDATE'),
      `the author is told of the approval or the status (${JSON.stringify(to('demo-repeat'))})`,
    );
    assert.ok(to('demo-repeat').includes('DEMO_TPL_FEEDBACK_REPLY'), 'and of the reply');
    assert.deepEqual(to('demo-buyer'), ['DEMO_TPL_FEEDBACK_RESOLVED'], 'the follower is told it is resolved');

    // The staff overview: the board by status, the settings (read-only for a moderator), the admin home's entry.
    await open(world, moderator, 'packages/admin/feedback?tab=board');
    await visible(moderator, 'admin-feedback-board').waitFor();
    await moderator.locator('[data-testid="admin-feedback-column-resolved"]:visible', { hasText: TEXT }).waitFor();
    await settled(moderator, 'admin-feedback-board');
    await world.shot(moderator, '66-admin-feedback-board');
    await visible(moderator, 'admin-feedback-tab-settings').click();
    await moderator.waitForTimeout(500);
    await world.shot(moderator, '67-admin-feedback-settings');
    await open(world, moderator, 'packages/admin/index');
    await visible(moderator, 'admin-feedback-entry').waitFor();
    await settled(moderator, 'admin-feedback-entry');
    await world.shot(moderator, '68-admin-home-feedback-entry');

    for (const context of contexts) await context.close();
  },
};
