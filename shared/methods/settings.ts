import { z } from 'zod';
import { method } from './method';

/** Every workspace setting, by key. Their schemas, defaults and descriptions live in the core (settings/definitions.ts). */
export const SETTING_KEYS = ['runtime.gpu', 'runtime.threads', 'runtime.modelMemoryMb', 'runtime.contextSize', 'runtime.runQueue'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** The compute backends runtime.gpu accepts. */
export const GPU_CHOICES = ['auto', 'cpu', 'cuda', 'vulkan', 'metal'] as const;

/** Where a setting's effective value comes from: an environment variable wins over a stored value, which wins over the default. */
export const SETTING_SOURCES = ['env', 'stored', 'default'] as const;
export type SettingSource = (typeof SETTING_SOURCES)[number];

/** "auto" or a number, as the settings hold them. */
export const SettingValueSchema = z.union([z.string(), z.number()]);
export type SettingValue = z.infer<typeof SettingValueSchema>;

export const SettingInfoSchema = z.object({
  key: z.enum(SETTING_KEYS),
  value: SettingValueSchema,
  default: SettingValueSchema,
  source: z.enum(SETTING_SOURCES),
  /** The value an administrator stored, also when an environment variable overrides it. */
  stored: SettingValueSchema.nullable(),
  /** The environment variable that overrides this setting when set. */
  envVar: z.string(),
  description: z.string(),
  /** What may be set, in words ("auto or 1..64"). */
  validValues: z.string(),
  /** When a change takes effect, in words. */
  applies: z.string(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type SettingInfo = z.infer<typeof SettingInfoSchema>;

export const settingsMethods = {
  'settings.list': method({
    summary: 'Every workspace setting with its value, default, source (env, stored, default) and description',
    access: 'workspace.read',
    input: z.object({}),
    output: z.array(SettingInfoSchema),
  }),
  'settings.set': method({
    summary: 'Store a workspace setting (administrators); refused while an environment variable overrides it',
    access: 'settings.manage',
    input: z.object({
      key: z.enum(SETTING_KEYS, { error: `Unknown setting. The settings are: ${SETTING_KEYS.join(', ')}.` }),
      value: z.union([z.string().trim().min(1, 'Give a value'), z.number()]),
    }),
    output: SettingInfoSchema,
  }),
};
