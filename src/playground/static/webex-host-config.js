// The Adaptive Cards host config of Webex's own open-source web widget, so cards in the
// playground (and docs/screenshots/) get Webex's font sizes, spacing and colours.
// Source: github.com/webex/react-widgets, packages/node_modules/@webex/react-component-utils/
// src/constants.js, `ADAPTIVE_CARD_HOST_CONFIG` (same values at commits c2f0b17dd785 and
// 1a23ca1301db). Copyright (c) 2017 Cisco Systems, Inc., MIT License. Values only; keep
// them as the widget has them, and put any playground deviation in app.js, named.
// The widget's adaptive-card component handles only these two action types (the rest it
// logs as "not supported yet"): see app.js.
'use strict';

const WEBEX_SUPPORTED_ACTIONS = ['Action.Submit', 'Action.OpenUrl'];

const WEBEX_HOST_CONFIG = {
  hostCapabilities: { capabilities: null },
  choiceSetInputValueSeparator: ',',
  supportsInteractivity: true,
  fontFamily: 'CiscoSansTT Regular',
  spacing: { small: 4, default: 12, medium: 12, large: 12, extraLarge: 16, padding: 12 },
  fontSizes: { small: 12, default: 14, medium: 16, large: 20, extraLarge: 24 },
  fontWeights: { lighter: 300, default: 400, bolder: 700 },
  imageSizes: { small: 40, medium: 80, large: 160 },
  containerStyles: {
    default: {
      foregroundColors: {
        default: { default: '#171B1F', subtle: '#535759' },
        dark: { default: '#535759', subtle: '#535759' },
        light: { default: '#535759', subtle: '#929596' },
        accent: { default: '#007EA8', subtle: '#00A0D1' },
        good: { default: '#1B8728', subtle: '#24AB31' },
        warning: { default: '#D93829', subtle: '#FF5C4A' },
        attention: { default: '#C74F0E', subtle: '#F26B1D' },
      },
      backgroundColor: '#FFFFFF',
    },
    emphasis: {
      foregroundColors: {
        default: { default: '#171B1F', subtle: '#535759' },
        dark: { default: '#171B1F', subtle: '#535759' },
        light: { default: '#535759', subtle: '#929596' },
        accent: { default: '#007EA8', subtle: '#00A0D1' },
        good: { default: '#1B8728', subtle: '#24AB31' },
        warning: { default: '#D93829', subtle: '#FF5C4A' },
        attention: { default: '#C74F0E', subtle: '#F26B1D' },
      },
      backgroundColor: '#F2F4F5',
    },
  },
  actions: {
    maxActions: 5,
    buttonSpacing: 8,
    showCard: { actionMode: 'Inline', inlineTopMargin: 16, style: 'emphasis' },
    preExpandSingleShowCardAction: false,
    actionsOrientation: 'Horizontal',
    actionAlignment: 'Left',
  },
  adaptiveCard: { allowCustomStyle: false },
  imageSet: { maxImageHeight: 100 },
  media: { allowInlinePlayback: true },
  factSet: {
    title: { size: 'Default', color: 'Default', isSubtle: false, weight: 'Bolder', wrap: true },
    value: { size: 'Default', color: 'Default', isSubtle: false, weight: 'Default', wrap: true },
    spacing: 10,
  },
  cssClassNamePrefix: null,
};
