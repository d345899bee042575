// Ant Design themes for the reading modes: standard, large font (大字版) and high contrast (高对比度).
import { theme as antdTheme, type ThemeConfig } from 'antd';
import type { Prefs } from './prefs';

/** Overrides a preset palette's 7th shade (tag text); both token spellings feed the same CSS variable. */
function tagText(colors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(colors).flatMap(([k, v]) => [[`${k}7`, v], [`${k}-7`, v]]));
}

// Darker colours than antd's defaults wherever they are used for text, so it meets WCAG AA
// contrast: primary/link/info, error, success, descriptions, placeholders and the text of the
// coloured tags (`<preset>7` on `<preset>1`).
const STANDARD: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    // Hover/active shades are darker, not lighter: hovered button and link text stays readable.
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorPrimaryTextHover: '#003eb3',
    colorInfo: '#0958d9',
    colorLink: '#0958d9',
    colorLinkHover: '#003eb3',
    colorLinkActive: '#002c8c',
    colorError: '#cf1322',
    colorErrorHover: '#a8071a',
    colorErrorActive: '#820014',
    colorSuccess: '#237804',
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    ...tagText({ volcano: '#ad2102', orange: '#ad4e00', gold: '#874d00', green: '#237804', cyan: '#006d75', lime: '#3f6600' }),
    borderRadius: 6,
  },
  components: {
    // Empty-table text is drawn in the disabled colour.
    Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.6)' },
  },
};

// Black background, white text, yellow accents (links, primary buttons, selection) with black
// text on yellow; every text colour is far above WCAG AA against black.
const FG = '#ffffff';
const BG = '#000000';
const ACCENT = '#ffff00';
const HIGH_CONTRAST: ThemeConfig = {
  algorithm: antdTheme.darkAlgorithm,
  token: {
    colorPrimary: ACCENT,
    colorInfo: ACCENT,
    colorLink: ACCENT,
    colorSuccess: '#73d13d',
    colorWarning: '#ffc53d',
    colorError: '#ff7875',
    colorTextBase: FG,
    colorBgBase: BG,
    colorText: FG,
    colorTextSecondary: FG,
    colorTextTertiary: FG,
    colorTextDescription: FG,
    colorTextHeading: FG,
    colorTextLabel: FG,
    colorTextPlaceholder: '#d9d9d9',
    colorTextDisabled: '#bfbfbf',
    // Text on coloured (yellow/green/red) fills: black.
    colorTextLightSolid: BG,
    colorBgContainer: BG,
    colorBgElevated: BG,
    colorBgLayout: BG,
    colorBorder: FG,
    colorBorderSecondary: '#8c8c8c',
    colorSplit: '#8c8c8c',
    colorPrimaryBorder: '#00ffff',
    controlOutline: 'rgba(0, 255, 255, 0.6)',
    lineWidthFocus: 3,
    borderRadius: 4,
  },
  components: {
    Layout: { siderBg: BG, triggerBg: '#1f1f1f', triggerColor: FG, headerBg: BG, bodyBg: BG },
    Menu: {
      darkItemBg: BG,
      darkSubMenuItemBg: BG,
      darkItemColor: FG,
      darkItemHoverColor: ACCENT,
      darkItemSelectedBg: ACCENT,
      darkItemSelectedColor: BG,
    },
    // Tooltips keep white text on black (colorTextLightSolid is black in this theme).
    Tooltip: { colorBgSpotlight: BG, colorTextLightSolid: FG },
    Table: { headerBg: '#1f1f1f', rowHoverBg: '#1f1f1f', rowSelectedBg: '#262626' },
  },
};

// About 18/14 of the standard size; antd derives the small/large sizes and headings from these.
const LARGE_FONT = { fontSize: 18, controlHeight: 42 };

export function buildTheme(prefs: Prefs): ThemeConfig {
  const base = prefs.highContrast ? HIGH_CONTRAST : STANDARD;
  if (!prefs.largeFont) return base;
  return { ...base, token: { ...base.token, ...LARGE_FONT } };
}

/** Classes on <body> for the few styles outside antd's theme (see styles.css). */
export function bodyClasses(prefs: Prefs): Record<string, boolean> {
  return { 'gk-font-large': prefs.largeFont, 'gk-contrast-high': prefs.highContrast };
}
