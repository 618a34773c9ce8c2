import { ladderConfigShape } from '../ladder/ladder.config';
import { ladderConfigView, updateLadderSettings } from '../ladder/ladder.usecases';
import { settingsAdmin, settingsUpdateInput } from './settings-admin';

/** Moderators and admins see the ladder's thresholds and benefits; admins change them (LADDER_CONFIG_INVALID with a detail per field). */
const ladder = settingsAdmin({
  settings: 'ladder',
  audit: 'ladder.config',
  viewPermission: 'admin.view',
  updatePermission: 'ladder.manage',
  view: ladderConfigView,
  update: updateLadderSettings,
});

export const updateLadderConfigInput = settingsUpdateInput(ladderConfigShape);
export const ladderConfig = ladder.view;
export const updateLadderConfig = ladder.update;
