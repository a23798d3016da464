# -*- Python -*-
# lit configuration for hessc: text checks on generated code (FileCheck),
# diagnostics, and execution tests that compare derivatives with references.
import os
import lit.formats

config.name = "hessc"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".test"]
config.excludes = ["Inputs", "cmake-consumer", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.hessc_obj_root, "test")

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ["PATH"])])

# The compiler with the plugin loaded, exactly as a user invokes it.
hessc_cxx = "%s -std=c++17 -fplugin=%s -I%s" % (
    config.clangxx, config.hessc_plugin, config.hessc_include_dir)
config.substitutions.append(("%hessc_cxx", hessc_cxx))
config.substitutions.append(("%clangxx", config.clangxx))
config.substitutions.append(("%hessc_tool", config.hessc_tool))
config.substitutions.append(("%cmake", config.cmake))
config.substitutions.append(("%hessc_obj_root", config.hessc_obj_root))
config.substitutions.append(("%hessc_src_root", os.path.dirname(config.test_source_root)))
config.substitutions.append(("%gxx", "g++ -std=c++17 -I%s" % config.hessc_include_dir))
config.substitutions.append(("%hessc_include", config.hessc_include_dir))
config.substitutions.append(("%eigen_include", config.eigen_include_dir))
config.substitutions.append(("%python", config.python))
config.substitutions.append(("%sympy_ref", "%s %s" % (
    config.python, os.path.join(config.test_source_root, "exec", "sympy_ref.py"))))
