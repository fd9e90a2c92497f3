/**
 * The benchmark's yardstick: a bare three.js scene with the app's 3D view's mesh size, canvas
 * size, camera and renderer settings, and nothing else (no lines, labels or panels). Its frame
 * time, next to the app's, shows what the app adds. Loaded only by the benchmark.
 */
import * as THREE from 'three/webgpu';

export async function bareSceneFrameMs(width: number, height: number, side: number, software: boolean, frames: number, cam: [number, number, number]): Promise<number> {
  const renderer = new THREE.WebGPURenderer({ antialias: !software, outputBufferType: software ? THREE.UnsignedByteType : THREE.HalfFloatType });
  renderer.setPixelRatio(1);
  renderer.setSize(width, height);
  const canvas = renderer.domElement;
  canvas.style.cssText = 'position:fixed;left:0;top:0;z-index:-1';
  document.body.appendChild(canvas);
  try {
    await renderer.init();
    const geom = new THREE.PlaneGeometry(2, 2, side - 1, side - 1).rotateX(-Math.PI / 2);
    const pos = geom.getAttribute('position') as THREE.BufferAttribute;
    const colours = new Float32Array(pos.count * 3);
    for (let i = 0; i < pos.count; i++) {
      const h = 0.5 + 0.5 * Math.sin(3 * pos.getX(i)) * Math.cos(3 * pos.getZ(i));
      pos.setY(i, h);
      colours.set([h, 0.5, 1 - h], 3 * i);
    }
    geom.setAttribute('color', new THREE.BufferAttribute(colours, 3));
    const scene = new THREE.Scene();
    scene.add(new THREE.Mesh(geom, new THREE.MeshBasicMaterial({ vertexColors: true, side: THREE.DoubleSide })));
    const camera = new THREE.PerspectiveCamera(38, width / height, 0.05, 100);
    const target = new THREE.Vector3(0, 0.3, 0);
    const device = (renderer.backend as unknown as { device?: GPUDevice }).device;
    const all: number[] = [];
    for (let i = 0; i <= frames; i++) {
      const az = THREE.MathUtils.degToRad(cam[0] + 3 * (i + 1));
      const el = THREE.MathUtils.degToRad(cam[1]);
      camera.position.set(target.x + cam[2] * Math.cos(el) * Math.sin(az), target.y + cam[2] * Math.sin(el), target.z + cam[2] * Math.cos(el) * Math.cos(az));
      camera.lookAt(target);
      const t0 = performance.now();
      renderer.render(scene, camera);
      if (device) await device.queue.onSubmittedWorkDone();
      else {
        const gl = (renderer.backend as unknown as { gl?: WebGL2RenderingContext }).gl;
        gl?.finish();
      }
      if (i > 0) all.push(performance.now() - t0);
    }
    all.sort((a, b) => a - b);
    return all[Math.floor(all.length / 2)];
  } finally {
    renderer.dispose();
    canvas.remove();
  }
}
