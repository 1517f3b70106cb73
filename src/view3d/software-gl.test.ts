import { describe, expect, it } from 'vitest';
import { renderStyle, rendererKind } from './software-gl';

// Renderer strings as browsers report them: the first is headless Chromium 14x here (--use-angle=swiftshader),
// the others are the forms Chromium (ANGLE), Firefox (Mesa) and Safari report for common devices.
describe('rendererKind', () => {
  it('calls CPU rasterisers software', () => {
    expect(rendererKind('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe('software');
    expect(rendererKind('Google SwiftShader')).toBe('software');
    expect(rendererKind('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe('software');
    expect(rendererKind('ANGLE (Mesa, llvmpipe (LLVM 15.0.7 256 bits), OpenGL 4.5)')).toBe('software');
    expect(rendererKind('ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe('software');
  });
  it('calls GPUs hardware', () => {
    expect(rendererKind('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 (0x00002504) Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe('hardware');
    expect(rendererKind('ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)')).toBe('hardware');
    expect(rendererKind('Apple GPU')).toBe('hardware');
    expect(rendererKind('Mali-G78')).toBe('hardware');
  });
  it('calls a failed context none', () => {
    expect(rendererKind(null)).toBe('none');
  });
});

describe('renderStyle', () => {
  it('draws with MSAA, wide lines and per-pixel light on a GPU only', () => {
    expect(renderStyle(rendererKind('Apple GPU'))).toEqual({ antialias: true, wideLines: true, pixelLighting: true });
    const software = { antialias: false, wideLines: false, pixelLighting: false };
    expect(renderStyle(rendererKind('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)'))).toEqual(software);
    expect(renderStyle(rendererKind('llvmpipe (LLVM 15.0.6, 256 bits)'))).toEqual(software);
    expect(renderStyle(rendererKind(null))).toEqual(software);
  });
});
