@echo off
rem Windows launcher for the snn toolchain, beside ./snn (the POSIX one): builds the runnable jar
rem with Maven when it is missing, then runs it. Rebuild after changing sources with
rem   mvn -q -DskipTests -pl cli -am package
rem `snn sweep ...` runs sweep\target\snn-sweep.jar (the toolchain plus Apache Spark) instead.
rem SNN_JAVA_OPTS replaces the default JVM options (for example -Xmx2g to cap the heap).
setlocal
set "HERE=%~dp0"
set "JAR=%HERE%cli\target\snn.jar"
set "MODULE=cli"
if /I "%~1"=="sweep" (
  set "JAR=%HERE%sweep\target\snn-sweep.jar"
  set "MODULE=sweep"
)
if not exist "%JAR%" (
  echo snn: building %JAR% ^(mvn -q -DskipTests -pl %MODULE% -am package^) ... 1>&2
  pushd "%HERE%"
  call mvn -q -B -DskipTests -Dsnn.firmware.skip=true -pl %MODULE% -am package 1>&2
  if errorlevel 1 (
    popd
    echo snn: build failed 1>&2
    exit /b 2
  )
  popd
)
if not defined SNN_JAVA_OPTS set "SNN_JAVA_OPTS=-XX:MaxRAMPercentage=50"
java %SNN_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
